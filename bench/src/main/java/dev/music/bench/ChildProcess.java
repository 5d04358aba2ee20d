package dev.music.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs a command as an operator would, timing it and sampling its resident memory until it ends. */
final class ChildProcess {

    private static final long SAMPLE_MILLIS = 100;
    /** As the README runs the service: freed native memory handed back to the system every 5 s. */
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=5000";

    private ChildProcess() {}

    record Result(int exitCode, double seconds, String peakResident, String output) {}

    static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("bench-child", ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long peakKb = 0;
        while (process.isAlive()) {
            // VmHWM: the peak so far, which Linux keeps even between these samples
            peakKb = Math.max(peakKb, Bench.statusKb(process.pid(), "VmHWM"));
            Thread.sleep(SAMPLE_MILLIS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.deleteIfExists(output);
        return new Result(process.exitValue(), seconds, String.format("%,d MB", peakKb / 1024), text);
    }
}
