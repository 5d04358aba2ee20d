package dev.music.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

/**
 * A write route's body read as the earlier API read it: JSON, or form fields (which arrive as
 * strings), always an object of fields. Field values keep their JSON types, so that
 * {@link BodyFields} can tell {@code 4} from {@code "4"} from {@code 4.5}. What is not such a
 * body is refused here, with the earlier API's words.
 */
final class JsonOrFormBody {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bodies of these routes are a few fields: anything larger is refused unread. */
    static final int MAX_BYTES = 64 * 1024;

    private JsonOrFormBody() {}

    static ObjectNode read(HttpServletRequest request) {
        String contentType = request.getContentType();
        MediaType type;
        try {
            type = contentType == null ? MediaType.APPLICATION_JSON : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw unsupported(contentType);
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(type) || MediaType.MULTIPART_FORM_DATA.includes(type)) {
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, String[]> field : request.getParameterMap().entrySet()) {
                String[] values = field.getValue();
                fields.put(field.getKey(), values[values.length - 1]);
            }
            return fields;
        }
        if (!MediaType.APPLICATION_JSON.includes(type) && !type.getSubtype().endsWith("+json")) {
            throw unsupported(contentType);
        }
        byte[] bytes;
        try {
            bytes = request.getInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw WriteProblems.status(HttpStatus.BAD_REQUEST, "The request body could not be read.");
        }
        if (bytes.length > MAX_BYTES) {
            throw WriteProblems.status(
                    HttpStatus.CONTENT_TOO_LARGE, "Request body too large: at most " + MAX_BYTES / 1024 + " KB.");
        }
        return json(bytes);
    }

    /**
     * A JSON body's object of fields; none at all is an empty object.
     *
     * @throws ErrorResponseException when it is not JSON, or not an object
     */
    static ObjectNode json(byte[] bytes) {
        JsonNode body;
        try {
            body = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw WriteProblems.status(HttpStatus.BAD_REQUEST, "JSON parse error - " + e.getOriginalMessage());
        } catch (IOException e) {
            throw WriteProblems.status(HttpStatus.BAD_REQUEST, "The request body could not be read.");
        }
        if (body == null || !body.isObject()) {
            throw WriteProblems.invalidInput(Map.of(
                    "non_field_errors",
                    List.of("Invalid data. Expected a dictionary, but got " + pythonType(body) + ".")));
        }
        return (ObjectNode) body;
    }

    private static RuntimeException unsupported(String contentType) {
        return WriteProblems.status(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type \"" + contentType + "\" in request.");
    }

    /** The earlier API's name of a JSON value's type, as its messages say it. */
    static String pythonType(JsonNode value) {
        if (value == null || value.isNull()) {
            return "NoneType";
        }
        if (value.isTextual()) {
            return "str";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "dict";
        }
        return value.isIntegralNumber() ? "int" : "float";
    }
}
