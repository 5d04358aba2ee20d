package dev.music.query.paging;

import org.springframework.util.MultiValueMap;

/**
 * Page-number pagination as the earlier API had it: {@code page} 1-based or {@code last};
 * {@code page_size} 25 by default, at most 100, and the default again for anything that is not
 * a positive whole number.
 */
public record PageRequest(String page, int size) {

    private static final int DEFAULT_SIZE = 25;
    private static final int MAX_SIZE = 100;

    public static PageRequest from(MultiValueMap<String, String> params) {
        String page = last(params, "page");
        if (page == null || page.isEmpty()) {
            page = "1";
        }
        return new PageRequest(page, size(params.containsKey("page_size") ? last(params, "page_size") : null));
    }

    /** The page number for {@code count} results, or -1 when {@code page} names no page. */
    public long number(long count) {
        long pages = Math.max(1, (count + size - 1) / size);
        if ("last".equals(page)) {
            return pages;
        }
        long number = positiveLong(page);
        return number >= 1 && number <= pages ? number : -1;
    }

    /** The page number asked for, or -1 for {@code last} and anything that is not a whole number. */
    public long requested() {
        return positiveLong(page);
    }

    public boolean isLast() {
        return "last".equals(page);
    }

    /** The last value of a query parameter: the earlier API, given one several times, took the last. */
    public static String last(MultiValueMap<String, String> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static int size(String text) {
        long size = positiveLong(text);
        return size < 1 ? DEFAULT_SIZE : (int) Math.min(size, MAX_SIZE);
    }

    /** The value when it is a whole number (surrounding blanks allowed), else -1. */
    private static long positiveLong(String text) {
        if (text == null) {
            return -1;
        }
        String digits = text.strip();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
