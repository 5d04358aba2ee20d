package dev.music.command.web;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a request record is read from a body: which fields, of which kind, in which order (the
 * order its problems are answered in). Each request record declares its own as {@code SPEC}.
 */
@FunctionalInterface
public interface BodySpec<T> {

    /** The request, its fields read from {@code fields}, where what is wrong is reported. */
    T read(BodyFields fields);

    default Bound<T> bind(ObjectNode body) {
        BodyFields fields = new BodyFields(body);
        T request = read(fields);
        return new Bound<>(request, fields.problems());
    }
}
