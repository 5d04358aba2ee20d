package dev.music.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler parameter bound from the request's body, JSON or form, by {@link CompatibleBodyResolver}
 * to a request record (or its {@link Bound}), with the earlier API's messages for what is wrong.
 * Meta-annotated as a request body so that the OpenAPI document shows it as one, with the record's schema.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
public @interface CompatibleBody {}
