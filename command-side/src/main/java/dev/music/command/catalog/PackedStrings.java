package dev.music.command.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings by position, kept as UTF-8 in one growing byte array. A million ids and titles held
 * as two million {@code String}s are about 140 MB of small objects that the collector traces
 * again and again while the import runs; packed, they are a few arrays of about 60 MB.
 */
final class PackedStrings {

    private byte[] bytes = new byte[1 << 16];
    private int used;
    private int[] starts = new int[0];
    private int[] lengths = new int[0];

    void set(int position, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (position >= starts.length) {
            int capacity = Math.max(position + 1, Math.max(16, starts.length * 2));
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }
        // Past 2 GB of text the heap has long run out; addExact keeps the offsets from wrapping.
        int end = Math.addExact(used, utf8.length);
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(end, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
        System.arraycopy(utf8, 0, bytes, used, utf8.length);
        starts[position] = used;
        lengths[position] = utf8.length;
        used = end;
    }

    String get(int position) {
        return new String(bytes, starts[position], lengths[position], StandardCharsets.UTF_8);
    }

    boolean equal(int a, int b) {
        return Arrays.equals(bytes, starts[a], starts[a] + lengths[a], bytes, starts[b], starts[b] + lengths[b]);
    }

    int hash(int position) {
        int hash = 1;
        for (int i = starts[position], end = i + lengths[position]; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash ^ (hash >>> 16);
    }
}
