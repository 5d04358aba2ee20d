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
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One streaming pass over a catalog file for {@link CatalogFileReader}: the values of its columns
 * stored by row position, each checked as it comes, where the parse stands for the problems to
 * name. The state of one read; the reader itself is stateless and can be shared.
 */
final class CatalogFilePass {

    /**
     * Row keys are field names here, a million distinct ones per column: Jackson's default of
     * interning field names would fill the JVM's string table with them. (Canonicalizing stays
     * on: without it Jackson reads through a character decoder that lets invalid UTF-8 pass.)
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private final CatalogProblems problems = new CatalogProblems();
    private final Map<String, Boolean> seenColumns = new HashMap<>();
    private final RowPositions rows = new RowPositions();
    private String firstColumn;
    private final PackedStrings ids = new PackedStrings();
    private final PackedStrings titles = new PackedStrings();
    private final double[][] features = new double[AudioFeature.ALL.size()][];
    private String column = null;
    private long rowIndex = -1;

    CatalogFile read(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            parseTop(parser);
        } catch (JsonEOFException e) {
            problems.fail("truncated JSON: the file ends " + where());
        } catch (CharConversionException e) {
            problems.fail("invalid UTF-8 " + where() + ": " + firstLine(e.getMessage()));
        } catch (JsonParseException e) {
            String message = firstLine(e.getOriginalMessage());
            if (message.contains("UTF-8") || message.contains("UTF8")) {
                problems.fail(
                        "invalid UTF-8 " + where() + " (byte " + e.getLocation().getByteOffset() + "): " + message);
            }
            problems.fail(
                    "malformed JSON " + where() + " (line " + e.getLocation().getLineNr() + ", character "
                            + e.getLocation().getColumnNr() + "): " + message);
        } catch (StreamReadException e) {
            problems.fail("unreadable JSON " + where() + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            // a number, string or nesting beyond the parser's limits
            problems.fail("JSON beyond the reader's limits " + where() + ": " + firstLine(e.getOriginalMessage()));
        }
        column = null;
        rowIndex = -1;
        for (String required : CatalogFileReader.requiredColumns()) {
            if (!seenColumns.containsKey(required)) {
                problems.add("missing column '" + required + "'");
            }
        }
        if (problems.none()) {
            checkUniqueIds();
        }
        problems.throwIfAny();
        return new CatalogFile(rows.indices(), rows.ascendingOrder(), ids, titles, features);
    }

    private void parseTop(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            problems.fail("the file must be a JSON object from column name to column");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!CatalogFileReader.isRequired(name)) {
                parser.skipChildren(); // 'class' and other extra columns are not part of a song
                continue;
            }
            if (seenColumns.put(name, Boolean.TRUE) != null) {
                problems.fail("column '" + name + "' appears twice");
            }
            column = name;
            if (value != JsonToken.START_OBJECT) {
                problems.fail(
                        "column '" + name + "' must be an object from row index to value, found " + describe(value));
            }
            readColumn(parser, name);
            column = null;
            rowIndex = -1;
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            problems.fail("the file must be a JSON object from column name to column");
        }
        if (parser.nextToken() != null) {
            problems.fail("unexpected content after the end of the catalog object");
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
            int position = first ? rows.add(rowIndex) : rows.positionOf(rowIndex, k);
            k++;
            if (position < 0) {
                problems.add("row " + rowIndex + ", column '" + name + "': row index not present in column '"
                        + firstColumn + "' (columns have different row indices)");
                parser.skipChildren();
                continue;
            }
            if (seen.get(position)) {
                problems.add("row " + rowIndex + ", column '" + name + "': row index appears twice");
                parser.skipChildren();
                continue;
            }
            seen.set(position);
            store(parser, token, name, position);
        }
        rowIndex = -1;
        if (!first && seen.cardinality() < rows.count()) {
            int missing = seen.nextClearBit(0);
            problems.add("row " + rows.index(missing) + ", column '" + name
                    + "': no value (columns have different row indices; " + (rows.count() - seen.cardinality())
                    + " missing in this column)");
        }
    }

    private long parseRowIndex(String key) {
        if (key.isEmpty() || key.length() > 12 || !key.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.fail("column '" + column + "': row index \"" + abbreviate(key)
                    + "\" is not a non-negative whole number");
        }
        return Long.parseLong(key);
    }

    private void store(JsonParser parser, JsonToken token, String name, int position) throws IOException {
        String at = "row " + rowIndex + ", column '" + name + "': ";
        if (token == JsonToken.VALUE_NULL) {
            problems.add(at + "no value (null)");
            return;
        }
        if (CatalogFileReader.ID.equals(name) || CatalogFileReader.TITLE.equals(name)) {
            if (token != JsonToken.VALUE_STRING) {
                problems.add(at + "expected a string, found " + describe(token));
                parser.skipChildren();
                return;
            }
            String text = parser.getText();
            if (CatalogFileReader.ID.equals(name)) {
                if (!SpotifyId.isValid(text)) {
                    problems.add(at + "\"" + abbreviate(text) + "\" is not a Spotify id (22 letters and digits)");
                }
                ids.set(position, text);
            } else {
                String reason = CatalogFileReader.titleProblem(text);
                if (reason != null) {
                    problems.add(at + reason);
                }
                titles.set(position, text);
            }
            return;
        }
        AudioFeature feature = AudioFeature.byColumn(name);
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            problems.add(at + "expected a number, found " + describe(token));
            parser.skipChildren();
            return;
        }
        double value = parser.getDoubleValue();
        if (feature.integral() && value != Math.rint(value)) {
            problems.add(at + "expected a whole number, found " + parser.getText());
        } else if (!feature.inRange(value)) {
            problems.add(at + parser.getText() + " is out of range [" + format(feature.min()) + ", "
                    + format(feature.max()) + "]");
        }
        int f = feature.ordinal();
        features[f] = grow(features[f], position);
        features[f][position] = value;
    }

    /** Each id once: an open-addressing table of row positions, hashed on the packed bytes. */
    private void checkUniqueIds() {
        int[] table = new int[Integer.highestOneBit(Math.max(rows.count(), 1)) * 4];
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        for (int i : rows.ascendingOrder()) {
            int slot = ids.hash(i) & mask;
            while (table[slot] >= 0 && !ids.equal(table[slot], i)) {
                slot = (slot + 1) & mask;
            }
            if (table[slot] >= 0) {
                problems.add("row " + rows.index(i) + ", column 'id': duplicate id " + ids.get(i) + ", also at row "
                        + rows.index(table[slot]));
            } else {
                table[slot] = i;
            }
        }
    }

    private double[] grow(double[] array, int position) {
        if (array == null) {
            array = new double[Math.max(rows.count(), 16)];
        }
        return position < array.length
                ? array
                : Arrays.copyOf(array, Math.max(Math.max(rows.count(), position + 1), array.length * 2));
    }

    private String where() {
        if (column == null) {
            return "outside any column";
        }
        return rowIndex < 0 ? "in column '" + column + "'" : "at row " + rowIndex + ", column '" + column + "'";
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
