package dev.music.command.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems one read of a catalog file has found: it goes on after each, so that one import
 * attempt reports as many as it can, and stops at a problem that leaves nothing to read or past
 * the most worth listing.
 */
final class CatalogProblems {

    static final int MAX_PROBLEMS = 50;

    private final List<String> problems = new ArrayList<>();

    /** A problem the read goes on after, until there are too many. */
    void add(String text) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(text);
        } else {
            throw new InvalidCatalogFileException(withMore());
        }
    }

    /** A problem the read cannot go on after: it ends here, with the problems found so far. */
    void fail(String text) {
        problems.add(text);
        throw new InvalidCatalogFileException(problems);
    }

    boolean none() {
        return problems.isEmpty();
    }

    /** Ends the read when it found any problem. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidCatalogFileException(problems);
        }
    }

    private List<String> withMore() {
        List<String> all = new ArrayList<>(problems);
        all.add("… stopped after " + MAX_PROBLEMS + " problems");
        return all;
    }
}
