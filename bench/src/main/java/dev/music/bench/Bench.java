package dev.music.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What every workload shares: its options, and the service's resident memory. */
final class Bench {

    private Bench() {}

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
        return String.format(
                "resident memory of process %d: %,d kB (peak %,d kB)",
                pid, statusKb(pid, "VmRSS"), statusKb(pid, "VmHWM"));
    }

    /** A memory figure of a process's {@code /proc/PID/status} in kB; 0 once the process is gone. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has ended
        }
        return 0;
    }

    static void printResidentMemory(String pid) {
        if (pid != null) {
            System.out.println(residentMemory(Long.parseLong(pid)));
        }
    }
}
