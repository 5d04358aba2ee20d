package dev.music.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A seeded sequence of ratings as users would have submitted them, oldest first: songs chosen
 * with a Zipf-like popularity (a few songs collect thousands of ratings, most a handful), users
 * uniformly from 1..U, and about {@link #RE_RATING_SHARE} of the submissions a user rating a song
 * again. Each rating carries the stars it replaces and its place in its (song, user) stream, as
 * the service's Rating aggregate would have produced them.
 *
 * <p>Memory is a table of the (song, user) pairs, sized up front for the ratings asked for: about
 * 25 bytes per rating (240 MB for 10,000,000).
 */
final class RatingHistory {

    /** Share of submissions that replace the user's earlier rating of the song. */
    static final double RE_RATING_SHARE = 0.15;
    /**
     * Popularity falls as rank^-0.6: on 1,000,000 songs and 10,000,000 ratings the favourite gets
     * about 13,000 ratings and the least popular a few. Exponent 1 (classic Zipf) would give the
     * favourite half a million, more than there are users to rate it.
     */
    static final double POPULARITY_EXPONENT = 0.6;
    /** How many other users a first rating tries before it settles for rating a song again. */
    private static final int USER_ATTEMPTS = 10;

    private static final long MAX_RATINGS = 500_000_000;

    /**
     * One submission. {@code previousStars} is 0 for the user's first rating of the song;
     * {@code sequence} is its position in the aggregate {@code rating-<songId>-<userId>}.
     */
    record Rating(long songId, long userId, int stars, int previousStars, long sequence, Instant at) {

        boolean isReRating() {
            return previousStars != 0;
        }
    }

    private final SplittableRandom random;
    private final int songs;
    private final int users;
    private final long total;
    private final long seed;
    private final long startNanos;
    private final double nanosPerRating;
    private final double popularityTop;
    private final long popularityStride;
    private final long popularityOffset;
    private final Pairs pairs;
    private long produced;

    RatingHistory(long seed, int songs, int users, long ratings, Instant from, Duration period) {
        if (songs < 1 || users < 1 || ratings < 0 || ratings > MAX_RATINGS) {
            throw new IllegalArgumentException(
                    "need at least one song and one user, and 0.." + MAX_RATINGS + " ratings");
        }
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.songs = songs;
        this.users = users;
        this.total = ratings;
        this.startNanos = from.getEpochSecond() * 1_000_000_000L + from.getNano();
        this.nanosPerRating = ratings == 0 ? 0 : (double) period.toNanos() / ratings;
        this.popularityTop = Math.pow(songs + 1.0, 1 - POPULARITY_EXPONENT) - 1;
        // Popular songs spread over the catalog (rank -> id by a seeded stride), not ids 1, 2, 3…
        long stride = 1 + random.nextLong(songs);
        while (gcd(stride, songs) != 1) {
            stride++;
        }
        this.popularityStride = stride;
        this.popularityOffset = random.nextLong(songs);
        this.pairs = new Pairs((int) ratings);
    }

    boolean hasNext() {
        return produced < total;
    }

    Rating next() {
        if (!hasNext()) {
            throw new IllegalStateException("all " + total + " ratings were produced");
        }
        int slot;
        if (pairs.size() > 0 && random.nextDouble() < RE_RATING_SHARE) {
            slot = pairs.randomRated(random);
        } else {
            long song = popularSong();
            long user = 1 + random.nextInt(users);
            for (int attempt = 1; attempt < USER_ATTEMPTS && pairs.contains(song, user); attempt++) {
                user = 1 + random.nextInt(users);
            }
            slot = pairs.slotOf(song, user);
        }
        long song = pairs.song(slot);
        long user = pairs.user(slot);
        int stars = stars(song);
        int previous = pairs.stars(slot);
        long sequence = pairs.count(slot);
        pairs.record(slot, stars);
        // Evenly spaced with a random offset inside each slot of time: strictly increasing, not regular.
        long nanos = startNanos + (long) (nanosPerRating * (produced + random.nextDouble()));
        produced++;
        return new Rating(
                song,
                user,
                stars,
                previous,
                sequence,
                Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    /** Distinct (song, user) pairs rated so far. */
    int pairsRated() {
        return pairs.size();
    }

    /** A song id by popularity rank, drawn from a continuous power law and rounded down. */
    private long popularSong() {
        double x = Math.pow(1 + random.nextDouble() * popularityTop, 1 / (1 - POPULARITY_EXPONENT));
        long rank = Math.min(songs - 1, (long) x - 1);
        return 1 + (rank * popularityStride + popularityOffset) % songs;
    }

    /**
     * Stars around a song's own typical rating (fixed per song by the seed, mostly 3 to 5), so
     * that averages differ between songs as they do in real catalogs.
     */
    private int stars(long song) {
        double typical = 1.5 + 3.5 * Math.sqrt(unit(mix(seed ^ song * 0x9E3779B97F4A7C15L)));
        long stars = Math.round(typical + random.nextGaussian() * 0.9);
        return (int) Math.max(1, Math.min(5, stars));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** The finalizer of SplitMix64: spreads consecutive numbers over all bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The (song, user) pairs rated so far with their current stars and event count, in an
     * open-addressing table sized once for the whole history: slots never move, so the list of
     * rated pairs (to choose re-ratings from) holds slot numbers.
     */
    private static final class Pairs {

        private final long[] keys;
        /** Events so far << 3 | current stars. */
        private final int[] values;

        private final int[] rated;
        private final int mask;
        private int size;

        Pairs(int capacity) {
            // At most 2/3 full even when every rating is a first one.
            int slots = Integer.highestOneBit(Math.max(16, capacity + capacity / 2)) << 1;
            keys = new long[slots];
            values = new int[slots];
            rated = new int[Math.max(1, capacity)];
            mask = slots - 1;
        }

        int size() {
            return size;
        }

        boolean contains(long song, long user) {
            return keys[find(key(song, user))] != 0;
        }

        /** The pair's slot, claimed for it when it was never rated. */
        int slotOf(long song, long user) {
            long key = key(song, user);
            int slot = find(key);
            if (keys[slot] == 0) {
                keys[slot] = key;
                rated[size++] = slot;
            }
            return slot;
        }

        int randomRated(SplittableRandom random) {
            return rated[random.nextInt(size)];
        }

        long song(int slot) {
            return keys[slot] >>> 32;
        }

        long user(int slot) {
            return keys[slot] & 0xFFFF_FFFFL;
        }

        int stars(int slot) {
            return values[slot] & 7;
        }

        int count(int slot) {
            return values[slot] >>> 3;
        }

        void record(int slot, int stars) {
            values[slot] = (count(slot) + 1) << 3 | stars;
        }

        private static long key(long song, long user) {
            return song << 32 | user;
        }

        private int find(long key) {
            int slot = (int) mix(key) & mask;
            while (keys[slot] != 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }
    }
}
