package dev.music.bench;

import dev.music.events.AudioFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a catalog file in the columnar format the service imports
 * ({@code {"column": {"rowIndex": value, …}, …}}), deterministically from a seed: the project's
 * {@code playlist.json} (100 rows) and the large catalogs of the benchmarks.
 *
 * <pre>java -cp bench/target/bench.jar dev.music.bench.CatalogGenerator --rows 1000000 --seed 42 --out catalog.json</pre>
 *
 * The first rows are titles that break naive routing and search (slashes, dots, question marks,
 * hashes, percent signs, non-ASCII, "(feat. …)", a title shared by two songs); the rest are
 * built from word lists.
 */
public final class CatalogGenerator {

    static final List<String> SPECIAL_TITLES = List.of(
            "24/7",
            "AC/DC Forever",
            "Mr. Brightside Again",
            "Who Are You?",
            "#1 Crush",
            "100% Pure Love",
            "Señorita (feat. Ünal & Zoë)",
            "Déjà Vu",
            "사랑해요 (Korean Version)",
            "東京 Nights",
            "Rock & Roll / Part 2",
            "...Baby One More Time",
            "Space Oddity",
            "Space Oddity",
            "St. Elmo's Fire",
            "50% Off?",
            "Ça Plane Pour Moi",
            "Ooh La La - Radio Edit",
            "Airplane pt.2",
            "What's Up? (feat. DJ Ñ)",
            "Love; Actually",
            "1+1",
            "Ça va = ça va");

    private static final String[] ADJECTIVES = {
        "Blue",
        "Electric",
        "Golden",
        "Midnight",
        "Broken",
        "Silent",
        "Wild",
        "Neon",
        "Lonely",
        "Sweet",
        "Cold",
        "Burning",
        "Velvet",
        "Endless",
        "Crystal",
        "Dancing",
        "Little",
        "Lost",
        "Summer",
        "Dark",
        "Bright",
        "Heavy",
        "Secret",
        "Holy",
        "Crazy",
        "Fading",
        "Perfect",
        "Electric Pink",
        "Última",
        "Süße",
        "Éternel",
        "Frozen",
        "Hidden",
        "Young",
        "Forever"
    };
    private static final String[] NOUNS = {
        "Love",
        "Heart",
        "Night",
        "Dream",
        "Fire",
        "Rain",
        "City",
        "Road",
        "Sky",
        "Ocean",
        "Light",
        "Shadow",
        "Paradise",
        "Memories",
        "Angel",
        "Highway",
        "River",
        "Stars",
        "Thunder",
        "Moon",
        "Kingdom",
        "Radio",
        "Echo",
        "Garden",
        "Satellite",
        "Mirror",
        "Train",
        "Coração",
        "Mädchen",
        "Niño",
        "Canción",
        "夜",
        "별",
        "Lights",
        "Waves",
        "Bones",
        "Diamonds",
        "Horizon",
        "Symphony",
        "Saturday"
    };
    private static final String[] ARTISTS = {
        "MAX",
        "SZA",
        "DEAN",
        "Tablo",
        "Zoë",
        "Björk",
        "Beyoncé",
        "Hoody",
        "Lil Nas",
        "R3HAB",
        "Sia",
        "Ty Dolla $ign",
        "Ñengo",
        "Mø",
        "Dua"
    };
    private static final String[] SUFFIXES = {
        "",
        "",
        "",
        "",
        "",
        " (feat. %s)",
        " - Radio Edit",
        " (Remix)",
        " (Live)",
        " pt.%d",
        " - Acoustic",
        " [Korean Version]",
        " (with %s)",
        " Vol. %d",
        "?"
    };

    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private CatalogGenerator() {}

    /** The words titles are made of, for searches that find them. */
    static String[] adjectives() {
        return ADJECTIVES.clone();
    }

    static String[] nouns() {
        return NOUNS.clone();
    }

    static String[] artists() {
        return ARTISTS.clone();
    }

    public static void main(String[] args) throws IOException {
        int rows = 100;
        long seed = 1;
        Path out = Path.of("playlist.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: CatalogGenerator [--rows N] [--seed S] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        try (Writer writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
            write(generate(rows, seed), writer);
        }
        System.out.printf(
                "wrote %,d songs to %s (%,d bytes) in %.1f s%n",
                rows, out, Files.size(out), (System.nanoTime() - started) / 1e9);
    }

    /** The songs, column by column. */
    record Columns(String[] ids, String[] titles, double[][] features) {}

    /** Feature columns in file order: the catalog's audio features. */
    static final String[] FEATURES =
            AudioFeature.ALL.stream().map(AudioFeature::column).toArray(String[]::new);

    /** Whether each feature column is written as whole numbers. */
    static boolean whole(int feature) {
        return AudioFeature.ALL.get(feature).integral();
    }

    static Columns generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] ids = new String[rows];
        String[] titles = new String[rows];
        double[][] features = new double[FEATURES.length][rows];
        Set<String> usedIds = new HashSet<>(rows * 2);
        for (int i = 0; i < rows; i++) {
            String id;
            do {
                id = spotifyId(random);
            } while (!usedIds.add(id));
            ids[i] = id;
            titles[i] = i < SPECIAL_TITLES.size() ? SPECIAL_TITLES.get(i) : title(random);
            double tempo = round(random.nextDouble(60, 200), 3);
            double duration = random.nextInt(120_000, 420_000);
            double[] row = {
                round(random.nextDouble(0.15, 0.98), 3),
                round(random.nextDouble(0.05, 1.0), 3),
                random.nextInt(-1, 12),
                round(random.nextDouble(-22, -1.5), 3),
                random.nextInt(2),
                significant(Math.pow(random.nextDouble(), 3)),
                random.nextInt(3) == 0 ? significant(Math.pow(random.nextDouble(), 6)) : 0.0,
                round(random.nextDouble(0.02, 0.8), 4),
                round(random.nextDouble(0.03, 0.97), 3),
                tempo,
                duration,
                random.nextInt(10) == 0 ? 3 : random.nextInt(20) == 0 ? 5 : 4,
                Math.round(duration / 60_000 * tempo / 4),
                random.nextInt(4, 16),
                random.nextInt(300, 1600)
            };
            for (int f = 0; f < row.length; f++) {
                features[f][i] = row[f];
            }
        }
        return new Columns(ids, titles, features);
    }

    static void write(Columns columns, Writer out) throws IOException {
        int rows = columns.ids().length;
        out.write('{');
        writeColumn(out, "id", rows, i -> json(columns.ids()[i]));
        out.write(',');
        writeColumn(out, "title", rows, i -> json(columns.titles()[i]));
        for (int f = 0; f < FEATURES.length; f++) {
            int feature = f;
            out.write(',');
            writeColumn(out, FEATURES[f], rows, i -> number(columns.features()[feature][i], whole(feature)));
        }
        out.write(',');
        writeColumn(out, "class", rows, i -> "1");
        out.write('}');
    }

    private interface Cell {
        String at(int row);
    }

    private static void writeColumn(Writer out, String name, int rows, Cell cell) throws IOException {
        out.write(json(name));
        out.write(":{");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write('"');
            out.write(Integer.toString(i));
            out.write("\":");
            out.write(cell.at(i));
        }
        out.write('}');
    }

    private static String title(SplittableRandom random) {
        String base = switch (random.nextInt(6)) {
            case 0 -> pick(random, NOUNS);
            case 1, 2 -> pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
            case 3 -> pick(random, NOUNS) + " of " + pick(random, NOUNS);
            case 4 -> "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
            default -> pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + " " + pick(random, NOUNS);
        };
        String suffix = pick(random, SUFFIXES);
        if (suffix.contains("%s")) {
            suffix = suffix.replace("%s", pick(random, ARTISTS));
        } else if (suffix.contains("%d")) {
            suffix = suffix.replace("%d", Integer.toString(random.nextInt(1, 5)));
        }
        return base + suffix;
    }

    private static String spotifyId(SplittableRandom random) {
        char[] id = new char[22];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }

    private static String pick(SplittableRandom random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Three significant digits, like the source data's small values (0.00573, 2.94e-05). */
    private static double significant(double value) {
        if (value == 0) {
            return 0;
        }
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(3))
                .doubleValue();
    }

    private static String number(double value, boolean whole) {
        return whole ? Long.toString((long) value) : Double.toString(value);
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
