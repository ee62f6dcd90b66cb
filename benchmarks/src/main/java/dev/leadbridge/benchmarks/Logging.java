package dev.leadbridge.benchmarks;

/** Keeps the benches' output to their figures: slf4j-simple at WARN unless the caller chose a level. */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    /** Call first thing in a main, before any logger exists. */
    static void quiet() {
        if (System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, "warn");
        }
    }
}
