package dev.music.query.song;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values computed from the catalog (counts, statistics), remembered with the state they were
 * computed at ({@link CatalogState}, read in the same statement), and handed out only while that
 * state holds, so always exact: a value of the catalog's own columns (the title, the audio
 * features) until the catalog changes; a value that depends on a rating figure only until the
 * songs projector applies another event (under a steady flow of ratings, hardly ever). A change of
 * the catalog forgets them all at once. The most recently used are kept, up to a capacity.
 */
public final class CatalogStateCache<V> {

    private record Entry<V>(V value, String figures) {}

    private final int capacity;
    private final Map<Object, Entry<V>> values;
    private String epoch = "";
    private long version = -1;

    public CatalogStateCache(int capacity) {
        this.capacity = capacity;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry<V>> eldest) {
                return size() > CatalogStateCache.this.capacity;
            }
        };
    }

    /** The value remembered under this key in this state, when known. */
    public synchronized Optional<V> get(Object key, CatalogState state) {
        if (!state.epoch().equals(epoch) || state.version() != version) {
            return Optional.empty();
        }
        Entry<V> entry = values.get(key);
        return entry == null || entry.figures() != null && !entry.figures().equals(state.figures())
                ? Optional.empty()
                : Optional.of(entry.value());
    }

    /**
     * Remembers a value computed in this state, for as long as the catalog stays as it is, or when
     * it is not of the catalog alone, for as long as the rating figures do too. One of another
     * catalog version than those kept replaces them all.
     */
    public synchronized void put(Object key, boolean ofCatalogAlone, CatalogState state, V value) {
        if (capacity <= 0) {
            return;
        }
        if (!state.epoch().equals(epoch) || state.version() != version) {
            values.clear();
            epoch = state.epoch();
            version = state.version();
        }
        values.put(key, new Entry<>(value, ofCatalogAlone ? null : state.figures()));
    }
}
