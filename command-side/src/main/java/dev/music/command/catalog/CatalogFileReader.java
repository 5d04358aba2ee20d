package dev.music.command.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.music.events.AudioFeature;
import dev.music.events.SpotifyId;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Reads a columnar catalog file ({@code {"column": {"rowIndex": value, …}, …}}, as pandas
 * writes it) in one streaming pass and validates all of it before anything is imported.
 * Every problem names the row index and the column it was found in.
 */
public final class CatalogFileReader {

    static final String ID = "id";
    static final String TITLE = "title";
    static final int MAX_TITLE_LENGTH = 500;
    static final int MAX_PROBLEMS = 50;

    /**
     * Row keys are field names here, a million distinct ones per column: Jackson's default of
     * interning field names would fill the JVM's string table with them. (Canonicalizing stays
     * on: without it Jackson reads through a character decoder that lets invalid UTF-8 pass.)
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    /** Reads and validates the whole stream. */
    public CatalogFile read(InputStream in) throws IOException {
        return new Pass().read(in);
    }

    /** The state of one read; the reader itself is stateless and can be shared. */
    private static final class Pass {
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Boolean> seenColumns = new HashMap<>();
        private String firstColumn;
        private long[] rowIndices = new long[1024];
        private int rows;
        private Map<Long, Integer> positionOf;
        private final PackedStrings ids = new PackedStrings();
        private final PackedStrings titles = new PackedStrings();
        private final double[][] features = new double[AudioFeature.ALL.size()][];
        private String column = null;
        private long rowIndex = -1;

        CatalogFile read(InputStream in) throws IOException {
            try (JsonParser parser = JSON.createParser(in)) {
                parseTop(parser);
            } catch (JsonEOFException e) {
                fail("truncated JSON: the file ends " + where());
            } catch (CharConversionException e) {
                fail("invalid UTF-8 " + where() + ": " + firstLine(e.getMessage()));
            } catch (JsonParseException e) {
                String message = firstLine(e.getOriginalMessage());
                if (message.contains("UTF-8") || message.contains("UTF8")) {
                    fail("invalid UTF-8 " + where() + " (byte "
                            + e.getLocation().getByteOffset() + "): " + message);
                }
                fail("malformed JSON " + where() + " (line " + e.getLocation().getLineNr() + ", character "
                        + e.getLocation().getColumnNr() + "): " + message);
            } catch (StreamReadException e) {
                fail("unreadable JSON " + where() + ": " + firstLine(e.getOriginalMessage()));
            } catch (JsonProcessingException e) {
                // a number, string or nesting beyond the parser's limits
                fail("JSON beyond the reader's limits " + where() + ": " + firstLine(e.getOriginalMessage()));
            }
            column = null;
            rowIndex = -1;
            for (String required : requiredColumns()) {
                if (!seenColumns.containsKey(required)) {
                    problem("missing column '" + required + "'");
                }
            }
            if (problems.isEmpty()) {
                checkUniqueIds();
            }
            if (!problems.isEmpty()) {
                throw new InvalidCatalogFileException(problems);
            }
            return new CatalogFile(Arrays.copyOf(rowIndices, rows), ascendingOrder(), ids, titles, features);
        }

        private void parseTop(JsonParser parser) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                fail("the file must be a JSON object from column name to column");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!isRequired(name)) {
                    parser.skipChildren(); // 'class' and other extra columns are not part of a song
                    continue;
                }
                if (seenColumns.put(name, Boolean.TRUE) != null) {
                    fail("column '" + name + "' appears twice");
                }
                column = name;
                if (value != JsonToken.START_OBJECT) {
                    fail("column '" + name + "' must be an object from row index to value, found " + describe(value));
                }
                readColumn(parser, name);
                column = null;
                rowIndex = -1;
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                fail("the file must be a JSON object from column name to column");
            }
            if (parser.nextToken() != null) {
                fail("unexpected content after the end of the catalog object");
            }
        }

        private void readColumn(JsonParser parser, String name) throws IOException {
            boolean first = firstColumn == null;
            if (first) {
                firstColumn = name;
            }
            BitSet seen = new BitSet();
            int k = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                rowIndex = parseRowIndex(key);
                JsonToken token = parser.nextToken();
                int position = first ? addRow(rowIndex) : positionOf(rowIndex, k);
                k++;
                if (position < 0) {
                    problem("row " + rowIndex + ", column '" + name + "': row index not present in column '"
                            + firstColumn + "' (columns have different row indices)");
                    parser.skipChildren();
                    continue;
                }
                if (seen.get(position)) {
                    problem("row " + rowIndex + ", column '" + name + "': row index appears twice");
                    parser.skipChildren();
                    continue;
                }
                seen.set(position);
                store(parser, token, name, position);
            }
            rowIndex = -1;
            if (!first && seen.cardinality() < rows) {
                int missing = seen.nextClearBit(0);
                problem("row " + rowIndices[missing] + ", column '" + name + "': no value (columns have different row"
                        + " indices; " + (rows - seen.cardinality()) + " missing in this column)");
            }
        }

        private long parseRowIndex(String key) {
            if (key.isEmpty() || key.length() > 12 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
                fail("column '" + column + "': row index \"" + abbreviate(key)
                        + "\" is not a non-negative whole number");
            }
            return Long.parseLong(key);
        }

        private int addRow(long index) {
            if (rows == rowIndices.length) {
                rowIndices = Arrays.copyOf(rowIndices, rows * 2);
            }
            boolean ascending = rows == 0 || index > rowIndices[rows - 1];
            if (!ascending || positionOf != null) {
                Integer earlier = indexMap().get(index);
                if (earlier != null) {
                    return earlier; // reported as a duplicate by the caller
                }
            }
            rowIndices[rows] = index;
            if (positionOf != null) {
                positionOf.put(index, rows);
            }
            return rows++;
        }

        private int positionOf(long index, int k) {
            if (k < rows && rowIndices[k] == index) {
                return k; // the usual case: every column lists the rows in the same order
            }
            Integer position = indexMap().get(index);
            return position == null ? -1 : position;
        }

        private Map<Long, Integer> indexMap() {
            if (positionOf == null) {
                positionOf = new HashMap<>(rows * 2);
                for (int i = 0; i < rows; i++) {
                    positionOf.put(rowIndices[i], i);
                }
            }
            return positionOf;
        }

        private void store(JsonParser parser, JsonToken token, String name, int position) throws IOException {
            String at = "row " + rowIndex + ", column '" + name + "': ";
            if (token == JsonToken.VALUE_NULL) {
                problem(at + "no value (null)");
                return;
            }
            if (ID.equals(name) || TITLE.equals(name)) {
                if (token != JsonToken.VALUE_STRING) {
                    problem(at + "expected a string, found " + describe(token));
                    parser.skipChildren();
                    return;
                }
                String text = parser.getText();
                if (ID.equals(name)) {
                    if (!SpotifyId.isValid(text)) {
                        problem(at + "\"" + abbreviate(text) + "\" is not a Spotify id (22 letters and digits)");
                    }
                    ids.set(position, text);
                } else {
                    String reason = titleProblem(text);
                    if (reason != null) {
                        problem(at + reason);
                    }
                    titles.set(position, text);
                }
                return;
            }
            AudioFeature feature = AudioFeature.byColumn(name);
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                problem(at + "expected a number, found " + describe(token));
                parser.skipChildren();
                return;
            }
            double value = parser.getDoubleValue();
            if (feature.integral() && value != Math.rint(value)) {
                problem(at + "expected a whole number, found " + parser.getText());
            } else if (!feature.inRange(value)) {
                problem(at + parser.getText() + " is out of range [" + format(feature.min()) + ", "
                        + format(feature.max()) + "]");
            }
            int f = feature.ordinal();
            features[f] = grow(features[f], position);
            features[f][position] = value;
        }

        /** Each id once: an open-addressing table of row positions, hashed on the packed bytes. */
        private void checkUniqueIds() {
            int[] table = new int[Integer.highestOneBit(Math.max(rows, 1)) * 4];
            Arrays.fill(table, -1);
            int mask = table.length - 1;
            for (int i : ascendingOrder()) {
                int slot = ids.hash(i) & mask;
                while (table[slot] >= 0 && !ids.equal(table[slot], i)) {
                    slot = (slot + 1) & mask;
                }
                if (table[slot] >= 0) {
                    problem("row " + rowIndices[i] + ", column 'id': duplicate id " + ids.get(i) + ", also at row "
                            + rowIndices[table[slot]]);
                } else {
                    table[slot] = i;
                }
            }
        }

        private int[] ascendingOrder() {
            int[] order = IntStream.range(0, rows).toArray();
            boolean sorted = true;
            for (int i = 1; i < rows && sorted; i++) {
                sorted = rowIndices[i] > rowIndices[i - 1];
            }
            if (!sorted) {
                order = IntStream.range(0, rows)
                        .boxed()
                        .sorted((a, b) -> Long.compare(rowIndices[a], rowIndices[b]))
                        .mapToInt(Integer::intValue)
                        .toArray();
            }
            return order;
        }

        private double[] grow(double[] array, int position) {
            if (array == null) {
                array = new double[Math.max(rows, 16)];
            }
            return position < array.length
                    ? array
                    : Arrays.copyOf(array, Math.max(Math.max(rows, position + 1), array.length * 2));
        }

        private void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            } else {
                throw new InvalidCatalogFileException(withMore());
            }
        }

        private List<String> withMore() {
            List<String> all = new ArrayList<>(problems);
            all.add("… stopped after " + MAX_PROBLEMS + " problems");
            return all;
        }

        private void fail(String text) {
            problems.add(text);
            throw new InvalidCatalogFileException(problems);
        }

        private String where() {
            if (column == null) {
                return "outside any column";
            }
            return rowIndex < 0 ? "in column '" + column + "'" : "at row " + rowIndex + ", column '" + column + "'";
        }
    }

    static List<String> requiredColumns() {
        List<String> columns = new ArrayList<>();
        columns.add(ID);
        columns.add(TITLE);
        AudioFeature.ALL.forEach(f -> columns.add(f.column()));
        return columns;
    }

    private static boolean isRequired(String name) {
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

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
