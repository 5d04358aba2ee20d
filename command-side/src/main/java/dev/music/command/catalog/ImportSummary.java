package dev.music.command.catalog;

import java.util.List;

/**
 * What an import did: rows that became new songs, rows identical to the catalog, rows that
 * corrected a song, and rows refused (with the reason, the first few of them).
 */
public record ImportSummary(int rows, int added, int unchanged, int corrected, int rejected, List<String> rejections) {

    @Override
    public String toString() {
        return rows + " rows: " + added + " added, " + unchanged + " unchanged, " + corrected + " corrected, "
                + rejected + " rejected";
    }
}
