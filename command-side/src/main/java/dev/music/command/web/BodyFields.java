package dev.music.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A body's fields read one by one as the earlier API's (Django REST Framework's) serializer
 * fields read them, each problem kept with that API's message, word for word, in the order the
 * fields are read. A field with a problem reads as null.
 */
public final class BodyFields {

    static final String REQUIRED = "This field is required.";
    static final String NOT_NULL = "This field may not be null.";
    static final String NOT_BLANK = "This field may not be blank.";
    static final String INVALID_INTEGER = "A valid integer is required.";
    static final String INVALID_NUMBER = "A valid number is required.";
    static final String INVALID_STRING = "Not a valid string.";
    static final String NULL_CHARACTERS = "Null characters are not allowed.";

    /** "4", "4.0" and " 4 " are integers too, as they were. */
    private static final Pattern TRAILING_DECIMAL_ZEROS = Pattern.compile("\\.0*\\s*$");
    /** Text that reads as a whole number: digits, an optional sign, an optional ".0…"; no exponent. */
    private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*[+-]?\\d{1,18}(\\.0*)?\\s*");

    private final ObjectNode body;
    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    BodyFields(ObjectNode body) {
        this.body = body;
    }

    /** Whether the body names the field at all: a field that may be left out is read only then. */
    public boolean has(String name) {
        return body.has(name);
    }

    /** A CharField: a string, not blank. */
    public String text(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (value.isContainerNode()) {
            return refused(name, INVALID_STRING);
        }
        String text = value.asText();
        if (text.isBlank()) {
            return refused(name, NOT_BLANK);
        }
        if (text.indexOf('\u0000') >= 0) {
            return refused(name, NULL_CHARACTERS);
        }
        return text;
    }

    /** An IntegerField between {@code min} and {@code max}. */
    public Integer integer(String name, int min, int max) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        Long number = integer(value);
        if (number == null) {
            return refused(name, INVALID_INTEGER);
        }
        if (number < min) {
            return refused(name, atLeast(min));
        }
        if (number > max) {
            return refused(name, atMost(max));
        }
        return number.intValue();
    }

    /** A PrimaryKeyRelatedField's form: an integer id (whether it names a row is the route's to say). */
    public Long primaryKey(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        Long id = integer(value);
        return id != null
                ? id
                : refused(
                        name, "Incorrect type. Expected pk value, received " + JsonOrFormBody.pythonType(value) + ".");
    }

    /**
     * A FloatField (or, when {@code integral}, an integer given as a JSON number) between
     * {@code min} and {@code max}; strings are not numbers here.
     */
    public Double number(String name, boolean integral, double min, double max) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            return refused(name, integral ? INVALID_INTEGER : INVALID_NUMBER);
        }
        double number = value.asDouble();
        if (integral && number != Math.rint(number)) {
            return refused(name, INVALID_INTEGER);
        }
        if (number < min) {
            return refused(name, atLeast(min));
        }
        if (number > max) {
            return refused(name, atMost(max));
        }
        return number;
    }

    /** A problem beyond a field's form (a rule of the request's, across fields or of one field's content). */
    public void problem(String name, String message) {
        problems.put(name, List.of(message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    Map<String, List<String>> problems() {
        return problems;
    }

    /** The field read as null, for its problem. */
    private <T> T refused(String name, String message) {
        problem(name, message);
        return null;
    }

    /** The field's value; missing and null are problems of their own. */
    private JsonNode present(String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isMissingNode()) {
            return refused(name, REQUIRED);
        }
        if (value.isNull()) {
            return refused(name, NOT_NULL);
        }
        return value;
    }

    /** An integer the way the earlier API's IntegerField read one, or null. */
    private static Long integer(JsonNode value) {
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

    private static String atLeast(double min) {
        return "Ensure this value is greater than or equal to " + format(min) + ".";
    }

    private static String atMost(double max) {
        return "Ensure this value is less than or equal to " + format(max) + ".";
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
