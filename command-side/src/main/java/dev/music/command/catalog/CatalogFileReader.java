package dev.music.command.catalog;

import dev.music.events.AudioFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a columnar catalog file ({@code {"column": {"rowIndex": value, …}, …}}, as pandas
 * writes it) in one streaming pass and validates all of it before anything is imported.
 * Every problem names the row index and the column it was found in.
 */
public final class CatalogFileReader {

    static final String ID = "id";
    static final String TITLE = "title";
    static final int MAX_TITLE_LENGTH = 500;

    /** Reads and validates the whole stream. */
    public CatalogFile read(InputStream in) throws IOException {
        return new CatalogFilePass().read(in);
    }

    static List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(ID);
        columns.add(TITLE);
        AudioFeature.ALL.forEach(f -> columns.add(f.column()));
        return columns;
    }

    static boolean isRequired(String name) {
        return ID.equals(name) || TITLE.equals(name) || AudioFeature.byColumn(name) != null;
    }

    /** Why a title cannot be stored or shown, or null when it can. */
    public static String titleProblem(String title) {
        if (title.isBlank()) {
            return "the title is empty";
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            return "the title is longer than " + MAX_TITLE_LENGTH + " characters";
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (Character.isISOControl(c)) {
                return "the title contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < title.length()
                    && Character.isLowSurrogate(title.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "the title contains an unpaired surrogate (not valid Unicode)";
            }
        }
        return null;
    }
}
