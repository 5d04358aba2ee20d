package dev.music.command.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds every {@link CompatibleBody} parameter of the write routes: the body read by
 * {@link JsonOrFormBody}, then the record's {@link BodySpec} (its static {@code SPEC}). What
 * is wrong is answered as {@link WriteProblems} words it, before the handler runs, unless the
 * handler asks for the {@link Bound} record to answer it itself.
 */
@Component
class CompatibleBodyResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final Map<Class<?>, BodySpec<?>> specs = new ConcurrentHashMap<>();

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CompatibleBody.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        boolean wantsBound = parameter.getParameterType() == Bound.class;
        Class<?> type = wantsBound
                ? ResolvableType.forMethodParameter(parameter).getGeneric(0).resolve()
                : parameter.getParameterType();
        Bound<?> bound = specs.computeIfAbsent(type, CompatibleBodyResolver::specOf)
                .bind(JsonOrFormBody.read(request.getNativeRequest(HttpServletRequest.class)));
        return wantsBound ? bound : bound.orThrow();
    }

    /** The record's {@code static BodySpec<Record> SPEC}. */
    static BodySpec<?> specOf(Class<?> type) {
        try {
            Field spec = type.getDeclaredField("SPEC");
            if (!Modifier.isStatic(spec.getModifiers()) || !BodySpec.class.isAssignableFrom(spec.getType())) {
                throw new IllegalStateException(type.getName() + ".SPEC is not a static BodySpec");
            }
            spec.setAccessible(true);
            return (BodySpec<?>) spec.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(
                    type.getName() + " declares no static BodySpec SPEC to bind a body with", e);
        }
    }
}
