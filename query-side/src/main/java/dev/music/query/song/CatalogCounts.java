package dev.music.query.song;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts remembered with the state they were counted at ({@link CatalogState}, read in the same
 * statement as the count), and handed out only while that state holds, so always exact: a count
 * of a filter on the catalog's own columns (the title, the audio features) until the catalog
 * changes; a count with a condition on a rating figure only until the songs projector applies
 * another event (under a steady flow of ratings, hardly ever). A change of the catalog forgets
 * them all at once. The most recently used are kept, up to a capacity.
 */
public final class CatalogCounts {

    private record Count(long value, String figures) {}

    private final int capacity;
    private final Map<Object, Count> counts;
    private String epoch = "";
    private long version = -1;

    public CatalogCounts(int capacity) {
        this.capacity = capacity;
        this.counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Count> eldest) {
                return size() > CatalogCounts.this.capacity;
            }
        };
    }

    /** Whether a count of this filter depends on the catalog alone, not on the rating figures. */
    public static boolean ofCatalogAlone(SongFilter filter) {
        return filter.conditions().stream().noneMatch(condition -> SongColumns.RATING.contains(condition.column()));
    }

    /** The filter's count in this state, when known. */
    OptionalLong get(SongFilter filter, CatalogState state) {
        return get((Object) filter, state);
    }

    /** The count remembered under this key in this state, when known. */
    public synchronized OptionalLong get(Object key, CatalogState state) {
        if (!state.epoch().equals(epoch) || state.version() != version) {
            return OptionalLong.empty();
        }
        Count count = counts.get(key);
        return count == null || count.figures() != null && !count.figures().equals(state.figures())
                ? OptionalLong.empty()
                : OptionalLong.of(count.value());
    }

    void put(SongFilter filter, CatalogState state, long count) {
        put(filter, ofCatalogAlone(filter), state, count);
    }

    /**
     * Remembers a count made in this state, for as long as the catalog stays as it is, or when it
     * is not of the catalog alone, for as long as the rating figures do too. One of another catalog
     * version than those kept replaces them all.
     */
    public synchronized void put(Object key, boolean ofCatalogAlone, CatalogState state, long count) {
        if (capacity <= 0) {
            return;
        }
        if (!state.epoch().equals(epoch) || state.version() != version) {
            counts.clear();
            epoch = state.epoch();
            version = state.version();
        }
        counts.put(key, new Count(count, ofCatalogAlone ? null : state.figures()));
    }
}
