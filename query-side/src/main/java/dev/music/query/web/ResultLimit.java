package dev.music.query.web;

import dev.music.query.paging.PageRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The {@code limit} of the similar songs and the recommendations: a whole number from 1 to 100, 10
 * when absent. Anything else is refused (400) in the words the earlier API used for an integer field,
 * not quietly replaced as a page size is: a client that asks for 500 songs learns it gets at most 100.
 */
final class ResultLimit {

    static final String NAME = "limit";
    static final int DEFAULT = 10;
    static final int MIN = 1;
    static final int MAX = 100;

    private ResultLimit() {}

    static int from(MultiValueMap<String, String> params) {
        String value = PageRequest.last(params, NAME);
        if (value == null) {
            return DEFAULT;
        }
        String number = value.strip();
        if (!number.matches("[+-]?[0-9]{1,1000}")) {
            throw refused("A valid integer is required.");
        }
        BigInteger limit = new BigInteger(number);
        if (limit.compareTo(BigInteger.valueOf(MIN)) < 0) {
            throw refused("Ensure this value is greater than or equal to " + MIN + ".");
        }
        if (limit.compareTo(BigInteger.valueOf(MAX)) > 0) {
            throw refused("Ensure this value is less than or equal to " + MAX + ".");
        }
        return limit.intValueExact();
    }

    private static RuntimeException refused(String message) {
        return ReadProblems.invalidInput(Map.of(NAME, List.of(message)));
    }
}
