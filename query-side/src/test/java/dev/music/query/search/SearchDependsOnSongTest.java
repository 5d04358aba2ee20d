package dev.music.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ranked search is built on the songs projection, never the other way round: a class of
 * {@code query.song} that used one of {@code query.search} would make the two one tangle again.
 */
class SearchDependsOnSongTest {

    private static final Path SONG = Path.of("src/main/java/dev/music/query/song");

    @Test
    void noSongClassUsesASearchClass() throws IOException {
        assertThat(SONG).isDirectory();
        try (Stream<Path> sources = Files.walk(SONG)) {
            List<String> using = sources.filter(path -> path.toString().endsWith(".java"))
                    .filter(SearchDependsOnSongTest::mentionsSearch)
                    .map(path -> path.getFileName().toString())
                    .toList();
            assertThat(using).isEmpty();
        }
    }

    private static boolean mentionsSearch(Path source) {
        try {
            return Files.readString(source).contains("dev.music.query.search");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
