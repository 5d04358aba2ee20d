package dev.music.query.search;

import dev.music.query.song.TitleWords;

/**
 * A title, HTML-escaped, with the parts a query matched in {@code <mark>…</mark>}: a whole word it
 * matched exactly or within its typos, the beginning of a word its last word begins.
 */
final class Highlight {

    private Highlight() {}

    static String of(String title, QueryWordMatches matches) {
        int[] codePoints = title.codePoints().toArray();
        boolean[] marked = new boolean[codePoints.length];
        int last = matches.queryWords().size() - 1;
        for (TitleWords.Word word : TitleWords.located(title)) {
            int markedLength = 0;
            for (int i = 0; i <= last; i++) {
                Integer cost = matches.cost(i, word.folded());
                if (cost == null) {
                    continue;
                }
                int length = cost == QueryWordMatches.PREFIX
                        ? matches.queryWords()
                                .get(i)
                                .codePointCount(0, matches.queryWords().get(i).length())
                        : Integer.MAX_VALUE;
                markedLength = Math.max(markedLength, length);
            }
            int[] after = word.foldedLengthAfter();
            for (int k = 0; k < after.length && markedLength > 0; k++) {
                // A code point is marked when its folded letters begin within the matched part; a
                // combining mark, which folds to nothing, goes with the letter before it.
                int before = k == 0 ? 0 : after[k - 1];
                boolean mark = after[k] == before ? k > 0 && marked[word.start() + k - 1] : before < markedLength;
                marked[word.start() + k] = mark;
            }
        }
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < codePoints.length; i++) {
            if (marked[i] && (i == 0 || !marked[i - 1])) {
                html.append("<mark>");
            }
            escape(codePoints[i], html);
            if (marked[i] && (i + 1 == codePoints.length || !marked[i + 1])) {
                html.append("</mark>");
            }
        }
        return html.toString();
    }

    private static void escape(int codePoint, StringBuilder html) {
        switch (codePoint) {
            case '&' -> html.append("&amp;");
            case '<' -> html.append("&lt;");
            case '>' -> html.append("&gt;");
            case '"' -> html.append("&quot;");
            case '\'' -> html.append("&#x27;");
            default -> html.appendCodePoint(codePoint);
        }
    }
}
