package dev.music.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The catalog files the tests use, and their rows as plain maps to compare the API against. */
public final class CatalogFiles {

    private CatalogFiles() {}

    /** The repository's own playlist.json. */
    public static Path projectPlaylist() {
        return repositoryRoot().resolve("playlist.json");
    }

    /** The earlier API's real 100-song file, beside the repository; absent in a user's clone. */
    public static Path vivproPlaylist() {
        return repositoryRoot().resolveSibling("shared").resolve("data").resolve("vivpro-playlist.json");
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the repository: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The rows of a columnar file, in row index order, each as column → value (class dropped). */
    public static List<Map<String, JsonNode>> rows(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<String> indices = new ArrayList<>();
        root.get("id").fieldNames().forEachRemaining(indices::add);
        indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (String index : indices) {
            Map<String, JsonNode> row = new java.util.LinkedHashMap<>();
            for (Iterator<String> columns = root.fieldNames(); columns.hasNext(); ) {
                String column = columns.next();
                if (!column.equals("class")) {
                    row.put(column, root.get(column).get(index));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** A catalog of the project playlist's first songs under these titles, in a temporary file. */
    public static Path withTitles(List<String> titles) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode source = mapper.readTree(projectPlaylist().toFile());
        ObjectNode catalog = mapper.createObjectNode();
        for (Iterator<String> columns = source.fieldNames(); columns.hasNext(); ) {
            String column = columns.next();
            ObjectNode values = catalog.putObject(column);
            for (int i = 0; i < titles.size(); i++) {
                String index = Integer.toString(i);
                if (column.equals("title")) {
                    values.put(index, titles.get(i));
                } else {
                    values.set(index, source.get(column).get(index));
                }
            }
        }
        Path file = Files.createTempFile("catalog", ".json");
        mapper.writeValue(file.toFile(), catalog);
        file.toFile().deleteOnExit();
        return file;
    }
}
