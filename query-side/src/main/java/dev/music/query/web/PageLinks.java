package dev.music.query.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The {@code next} and {@code previous} links of a page, absolute, built as the earlier API
 * built them: the request's parameters sorted by name, form-encoded, {@code page} replaced (and
 * dropped on the link to page 1).
 */
final class PageLinks {

    private PageLinks() {}

    /** The links around page {@code number} of {@code count} results, {@code size} a page; null where there is none. */
    record Around(String next, String previous) {}

    static Around around(
            HttpServletRequest request, MultiValueMap<String, String> params, long number, int size, long count) {
        String next = number * size < count ? to(request, params, number + 1) : null;
        String previous = number > 1 ? to(request, params, number == 2 ? null : number - 1) : null;
        return new Around(next, previous);
    }

    static String to(HttpServletRequest request, MultiValueMap<String, String> params, Long page) {
        TreeMap<String, List<String>> sorted = new TreeMap<>(params);
        sorted.remove("page");
        if (page != null) {
            sorted.put("page", List.of(Long.toString(page)));
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : sorted.entrySet()) {
            for (String value : entry.getValue()) {
                pairs.add(formEncode(entry.getKey()) + "=" + formEncode(value == null ? "" : value));
            }
        }
        String base = ServletUriComponentsBuilder.fromRequestUri(request)
                .replaceQuery(null)
                .build()
                .toUriString();
        return pairs.isEmpty() ? base : base + "?" + String.join("&", pairs);
    }

    /** Like Python's quote_plus: letters, digits and {@code _.-~} stay, a space becomes '+'. */
    static String formEncode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
