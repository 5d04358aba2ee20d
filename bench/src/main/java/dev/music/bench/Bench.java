package dev.music.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every workload shares: its options, and the service's resident memory. */
final class Bench {

    private Bench() {
    }

    /** The value after {@code name} in the arguments, or the fallback. */
    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** The resident memory of the process, now and at its peak, as Linux counts it. */
    static String residentMemory(long pid) {
        try {
            String now = null;
            String peak = null;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    now = line.substring(6).strip();
                } else if (line.startsWith("VmHWM:")) {
                    peak = line.substring(6).strip();
                }
            }
            return "resident memory of process " + pid + ": " + now + " (peak " + peak + ")";
        } catch (IOException e) {
            return "resident memory of process " + pid + ": unknown (" + e.getMessage() + ")";
        }
    }

    static void printResidentMemory(String pid) {
        if (pid != null) {
            System.out.println(residentMemory(Long.parseLong(pid)));
        }
    }
}
