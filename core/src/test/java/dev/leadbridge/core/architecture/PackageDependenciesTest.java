package dev.leadbridge.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the layering of docs/ARCHITECTURE.md by reading the sources: which package of core uses which (imports and
 * fully qualified names in code, comments left out), and what the users' modules import. A package's
 * {@code internal} sub-package is its implementation and counts as part of it (as in Resilience4j).
 */
class PackageDependenciesTest {

    private static final Path CORE = Path.of("src/main/java");
    private static final Pattern QUALIFIED = Pattern.compile("\\b(dev\\.leadbridge\\.core(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    @Test
    void coresPackagesDependOnEachOtherWithoutACycle() {
        Map<String, Set<String>> uses = packageDependencies(CORE);
        assertThat(uses).containsKeys("dev.leadbridge.core", "dev.leadbridge.core.api", "dev.leadbridge.core.spi");

        List<List<String>> cycles = cycles(uses);

        assertThat(cycles).as("package cycles in core (package -> package it uses -> ...)").isEmpty();
    }

    @Test
    void theUserApiDoesNotReachIntoTheProviderSpiOrTheMachineryBelowIt() {
        Map<String, Set<String>> uses = packageDependencies(CORE);

        assertThat(uses.get("dev.leadbridge.core.api")).noneMatch(p -> p.startsWith("dev.leadbridge.core.spi")
                || p.startsWith("dev.leadbridge.core.connect") || p.startsWith("dev.leadbridge.core.resilience")
                || p.startsWith("dev.leadbridge.core.cache") || p.startsWith("dev.leadbridge.core.http"));
        assertThat(uses.get("dev.leadbridge.core")).allMatch(p -> p.equals("dev.leadbridge.core.error"));
    }

    @Test
    void usersCodeImportsNothingFromTheProviderSpi() {
        List<String> offending = new ArrayList<>();
        for (String module : List.of("client", "cli", "samples")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            for (Path file : javaFiles(sources)) {
                if (code(read(file)).contains("dev.leadbridge.core.spi.")) {
                    offending.add(sources.relativize(file).toString());
                }
            }
        }

        assertThat(offending).as("users' code using dev.leadbridge.core.spi").isEmpty();
    }

    @Test
    void aCycleThroughSeveralPackagesIsFound() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));

        assertThat(cycles(uses)).containsExactly(List.of("a", "b", "c", "a"));
    }

    private static Map<String, Set<String>> packageDependencies(Path root) {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            String text = read(file);
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                continue;
            }
            String from = component(pkg.group(1));
            Set<String> targets = uses.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher m = QUALIFIED.matcher(code(text));
            while (m.find()) {
                String to = component(m.group(1));
                if (!to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return uses;
    }

    /** The package a class belongs to for layering: {@code x.internal} belongs to {@code x}. */
    private static String component(String pkg) {
        return pkg.endsWith(".internal") ? pkg.substring(0, pkg.length() - ".internal".length()) : pkg;
    }

    /** The source without comments and string literals, so a Javadoc link is no dependency. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    /** Every elementary cycle reachable by depth-first search, each starting at its smallest package once. */
    private static List<List<String>> cycles(Map<String, Set<String>> uses) {
        List<List<String>> found = new ArrayList<>();
        Set<String> reported = new TreeSet<>();
        for (String start : new TreeSet<>(uses.keySet())) {
            Deque<String> path = new ArrayDeque<>();
            path.add(start);
            walk(start, start, uses, path, found, reported, new HashMap<>());
        }
        return found;
    }

    private static void walk(String start, String at, Map<String, Set<String>> uses, Deque<String> path,
                             List<List<String>> found, Set<String> reported, Map<String, Boolean> visited) {
        for (String next : uses.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                String key = String.join(">", new TreeSet<>(cycle));
                if (cycle.stream().allMatch(p -> p.compareTo(start) >= 0) && reported.add(key)) {
                    found.add(cycle);
                }
            } else if (next.compareTo(start) > 0 && !path.contains(next) && visited.putIfAbsent(next, true) == null) {
                path.addLast(next);
                walk(start, next, uses, path, found, reported, visited);
                path.removeLast();
            }
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
