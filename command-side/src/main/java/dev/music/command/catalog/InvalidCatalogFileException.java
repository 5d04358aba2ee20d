package dev.music.command.catalog;

import java.util.List;

/** A catalog file that cannot be imported; nothing of it was imported. */
public class InvalidCatalogFileException extends RuntimeException {

    private final List<String> problems;

    public InvalidCatalogFileException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidCatalogFileException(String problem) {
        this(List.of(problem));
    }

    /** Each problem names the row index and the column where it applies. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        return problems.size() == 1
                ? "invalid catalog file: " + problems.get(0)
                : "invalid catalog file, " + problems.size() + " problems, first: " + problems.get(0);
    }
}
