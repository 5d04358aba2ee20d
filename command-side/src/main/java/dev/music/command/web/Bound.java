package dev.music.command.web;

import java.util.List;
import java.util.Map;
import org.springframework.web.ErrorResponseException;

/**
 * A request record as its body gave it, and what is wrong with that body, one member per field.
 * A route takes this instead of the record when it adds to the problems before answering them
 * (a rating names its unknown song too); the record's fields with a problem are null then.
 */
public record Bound<T>(T request, Map<String, List<String>> problems) {

    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * @throws ErrorResponseException the earlier API's 400 naming each field's problems
     */
    public T orThrow() {
        if (!isValid()) {
            throw WriteProblems.invalidInput(problems);
        }
        return request;
    }
}
