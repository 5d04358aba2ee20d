package dev.music.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Field checks with the earlier API's (Django REST Framework's) messages, word for word. */
public final class Fields {

    static final String REQUIRED = "This field is required.";
    static final String NOT_NULL = "This field may not be null.";
    static final String NOT_BLANK = "This field may not be blank.";
    static final String INVALID_INTEGER = "A valid integer is required.";
    static final String INVALID_STRING = "Not a valid string.";
    static final String NULL_CHARACTERS = "Null characters are not allowed.";

    /** "4", "4.0" and " 4 " are integers too, as they were. */
    private static final Pattern TRAILING_DECIMAL_ZEROS = Pattern.compile("\\.0*\\s*$");
    /** Text that reads as a whole number: digits, an optional sign, an optional ".0…"; no exponent. */
    private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*[+-]?\\d{1,18}(\\.0*)?\\s*");

    private Fields() {}

    /** The field's value; missing and null are reported into {@code problems} and answered as null. */
    static JsonNode present(ObjectNode body, String name, Map<String, List<String>> problems) {
        JsonNode value = body.get(name);
        if (value == null || value.isMissingNode()) {
            problems.put(name, List.of(REQUIRED));
            return null;
        }
        if (value.isNull()) {
            problems.put(name, List.of(NOT_NULL));
            return null;
        }
        return value;
    }

    /** An integer the way the earlier API's IntegerField read one, or null. */
    static Long integer(JsonNode value) {
        if (value.isBoolean() || value.isContainerNode()) {
            return null;
        }
        if (value.isTextual() && !INTEGER_TEXT.matcher(value.asText()).matches()) {
            return null;
        }
        String text =
                TRAILING_DECIMAL_ZEROS.matcher(value.asText()).replaceFirst("").strip();
        if (text.length() > 1000) {
            return null;
        }
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** A non-blank string field, or null with the problem reported. */
    public static String text(ObjectNode body, String name, Map<String, List<String>> problems) {
        JsonNode value = present(body, name, problems);
        if (value == null) {
            return null;
        }
        if (value.isContainerNode()) {
            problems.put(name, List.of(INVALID_STRING));
            return null;
        }
        String text = value.asText();
        if (text.isBlank()) {
            problems.put(name, List.of(NOT_BLANK));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            problems.put(name, List.of(NULL_CHARACTERS));
            return null;
        }
        return text;
    }
}
