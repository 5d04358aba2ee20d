package dev.music.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogFileReaderTest {

    private final CatalogFileReader reader = new CatalogFileReader();

    @Test
    void readsEveryColumnOfAValidFileInRowIndexOrder() throws IOException {
        Map<String, Map<String, String>> file = validFile(3);
        // Columns may list rows in any order; rows come back in ascending row index.
        file.put("title", new LinkedHashMap<>(Map.of("2", "\"Song 2\"", "0", "\"Song 0\"", "1", "\"Song 1\"")));
        CatalogFile catalog = read(file);

        assertThat(catalog.size()).isEqualTo(3);
        CatalogRow first = catalog.row(0);
        assertThat(first.rowIndex()).isZero();
        assertThat(first.title()).isEqualTo("Song 0");
        assertThat(first.spotifyId().value()).isEqualTo(spotifyId(0));
        assertThat(first.features().danceability()).isEqualTo(0.5);
        assertThat(first.features().key()).isEqualTo(5);
        assertThat(first.features().durationMs()).isEqualTo(200000);
        assertThat(catalog.row(2).title()).isEqualTo("Song 2");
    }

    @Test
    void acceptsWholeNumbersWrittenWithADecimalPointAndIgnoresTheClassColumn() throws IOException {
        Map<String, Map<String, String>> file = validFile(1);
        file.get("key").put("0", "4.0");
        file.put("class", new LinkedHashMap<>(Map.of("0", "1")));
        assertThat(read(file).row(0).features().key()).isEqualTo(4);
    }

    @Test
    void missingColumnIsNamed() {
        Map<String, Map<String, String>> file = validFile(2);
        file.remove("tempo");
        assertProblems(file, "missing column 'tempo'");
    }

    @Test
    void raggedIndicesNameTheRowAndColumn() {
        Map<String, Map<String, String>> file = validFile(3);
        file.get("energy").remove("1");
        file.get("energy").put("7", "0.5");
        assertProblems(
                file,
                "row 7, column 'energy': row index not present in column 'id' (columns have different row indices)",
                "row 1, column 'energy': no value (columns have different row indices; 1 missing in this column)");
    }

    @Test
    void wrongTypeNamesTheRowAndColumn() {
        Map<String, Map<String, String>> file = validFile(3);
        file.get("energy").put("2", "\"loud\"");
        file.get("title").put("1", "42");
        assertProblems(
                file,
                "row 1, column 'title': expected a string, found a number",
                "row 2, column 'energy': expected a number, found a string");
    }

    @Test
    void valueOutOfRangeNamesTheRowColumnAndRange() {
        Map<String, Map<String, String>> file = validFile(2);
        file.get("danceability").put("1", "1.5");
        file.get("mode").put("0", "0.5");
        assertProblems(
                file,
                "row 1, column 'danceability': 1.5 is out of range [0, 1]",
                "row 0, column 'mode': expected a whole number, found 0.5");
    }

    @Test
    void duplicateIdNamesBothRows() {
        Map<String, Map<String, String>> file = validFile(3);
        file.get("id").put("2", "\"" + spotifyId(0) + "\"");
        assertProblems(file, "row 2, column 'id': duplicate id " + spotifyId(0) + ", also at row 0");
    }

    @Test
    void invalidSpotifyIdAndEmptyTitleAreRejected() {
        Map<String, Map<String, String>> file = validFile(2);
        file.get("id").put("0", "\"not-an-id\"");
        file.get("title").put("1", "\"   \"");
        assertProblems(
                file,
                "row 0, column 'id': \"not-an-id\" is not a Spotify id (22 letters and digits)",
                "row 1, column 'title': the title is empty");
    }

    @Test
    void nullValueIsRejected() {
        Map<String, Map<String, String>> file = validFile(2);
        file.get("tempo").put("1", "null");
        assertProblems(file, "row 1, column 'tempo': no value (null)");
    }

    @Test
    void rowIndexThatIsNotANumberIsRejected() {
        Map<String, Map<String, String>> file = validFile(1);
        file.get("id").put("x", "\"" + spotifyId(5) + "\"");
        assertProblems(file, "column 'id': row index \"x\" is not a non-negative whole number");
    }

    @Test
    void truncatedJsonSaysWhereTheFileEnds() {
        String json = toJson(validFile(3));
        byte[] truncated = json.substring(0, json.indexOf("\"energy\"") + 30).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(truncated)))
                .isInstanceOf(InvalidCatalogFileException.class)
                .satisfies(e -> assertThat(((InvalidCatalogFileException) e).problems())
                        .singleElement()
                        .asString()
                        .startsWith("truncated JSON: the file ends at row ")
                        .contains("column 'energy'"));
    }

    @Test
    void invalidUtf8IsRejectedWithItsPlace() {
        byte[] json = toJson(validFile(2)).getBytes(StandardCharsets.UTF_8);
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Song 1") + 2;
        json[at] = (byte) 0xff;
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(json)))
                .isInstanceOf(InvalidCatalogFileException.class)
                .satisfies(e -> assertThat(((InvalidCatalogFileException) e).problems())
                        .singleElement()
                        .asString()
                        .startsWith("invalid UTF-8 at row 1, column 'title'"));
    }

    @Test
    void aFileThatIsNotAnObjectOfColumnsIsRejected() {
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidCatalogFileException.class)
                .hasMessageContaining("must be a JSON object from column name to column");
        Map<String, Map<String, String>> file = validFile(1);
        String json = toJson(file).replace("\"tempo\":{\"0\":120.5}", "\"tempo\":[120.5]");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidCatalogFileException.class)
                .hasMessageContaining("column 'tempo' must be an object from row index to value, found an array");
    }

    @Test
    void numbersBeyondTheReadersLimitsAreAProblemNotACrash() {
        Map<String, Map<String, String>> file = validFile(1);
        file.get("tempo").put("0", "1" + "0".repeat(2000));
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidCatalogFileException.class)
                .hasMessageContaining("column 'tempo'");
    }

    @Test
    void titleWithControlCharacterIsRejected() {
        Map<String, Map<String, String>> file = validFile(1);
        file.get("title").put("0", "\"bad\\u0000title\"");
        assertProblems(file, "row 0, column 'title': the title contains a control character (U+0000)");
    }

    private void assertProblems(Map<String, Map<String, String>> file, String... expected) {
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidCatalogFileException.class)
                .satisfies(e ->
                        assertThat(((InvalidCatalogFileException) e).problems()).containsExactlyInAnyOrder(expected));
    }

    private CatalogFile read(Map<String, Map<String, String>> file) throws IOException {
        return reader.read(new ByteArrayInputStream(toJson(file).getBytes(StandardCharsets.UTF_8)));
    }

    static String spotifyId(int n) {
        return String.format("%022d", n).replace('0', 'A').substring(0, 21) + (char) ('a' + n % 26);
    }

    /** A valid file of {@code rows} rows as column name → (row index → JSON value). */
    static Map<String, Map<String, String>> validFile(int rows) {
        Map<String, Map<String, String>> file = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("danceability", "0.5");
        defaults.put("energy", "0.7");
        defaults.put("key", "5");
        defaults.put("loudness", "-6.5");
        defaults.put("mode", "1");
        defaults.put("acousticness", "0.01");
        defaults.put("instrumentalness", "2.94e-05");
        defaults.put("liveness", "0.1");
        defaults.put("valence", "0.4");
        defaults.put("tempo", "120.5");
        defaults.put("duration_ms", "200000");
        defaults.put("time_signature", "4");
        defaults.put("num_bars", "100");
        defaults.put("num_sections", "8");
        defaults.put("num_segments", "800");
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            ids.put(Integer.toString(i), "\"" + spotifyId(i) + "\"");
            titles.put(Integer.toString(i), "\"Song " + i + "\"");
        }
        file.put("id", ids);
        file.put("title", titles);
        defaults.forEach((column, value) -> {
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < rows; i++) {
                cells.put(Integer.toString(i), value);
            }
            file.put(column, cells);
        });
        return file;
    }

    static String toJson(Map<String, Map<String, String>> file) {
        List<String> columns = new ArrayList<>();
        file.forEach((name, cells) -> {
            List<String> entries = new ArrayList<>();
            cells.forEach((row, value) -> entries.add("\"" + row + "\":" + value));
            columns.add("\"" + name + "\":{" + String.join(",", entries) + "}");
        });
        return "{" + String.join(",", columns) + "}";
    }
}
