package dev.music.query.song;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts of filters that only read the catalog's own columns (the title and the audio features),
 * remembered for the catalog's version they were counted at: exact until the catalog changes,
 * and then all forgotten at once. Counts of filters on the rating figures change with every
 * rating and are never kept here. The most recently used are kept, up to a capacity.
 */
final class CatalogCounts {

    private final int capacity;
    private final Map<SongFilter, Long> counts;
    private String epoch = "";
    private long version = -1;

    CatalogCounts(int capacity) {
        this.capacity = capacity;
        this.counts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SongFilter, Long> eldest) {
                return size() > CatalogCounts.this.capacity;
            }
        };
    }

    /** Whether a count of this filter depends on the catalog alone. */
    static boolean cacheable(SongFilter filter) {
        return filter.conditions().stream().noneMatch(condition -> SongColumns.RATING.contains(condition.column()));
    }

    /** The filter's count at this state of the catalog, when known. */
    synchronized OptionalLong get(SongFilter filter, CatalogState state) {
        if (!state.epoch().equals(epoch) || state.version() != version) {
            return OptionalLong.empty();
        }
        Long count = counts.get(filter);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    /** Remembers a count made at this version; a count of another version than the one kept replaces them all. */
    synchronized void put(SongFilter filter, String epoch, long version, long count) {
        if (capacity <= 0 || !cacheable(filter)) {
            return;
        }
        if (!epoch.equals(this.epoch) || version != this.version) {
            counts.clear();
            this.epoch = epoch;
            this.version = version;
        }
        counts.put(filter, count);
    }
}
