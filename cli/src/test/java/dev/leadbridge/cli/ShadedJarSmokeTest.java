package dev.leadbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar as a user runs it: {@code java -jar cli/target/leadbridge.jar demo}. Runs in the
 * {@code package} phase, after the shade plugin built the jar (see the pom).
 */
class ShadedJarSmokeTest {

    @TempDir
    Path dir;

    @Test
    void runsTheDemoFromTheSelfContainedJar() throws IOException, InterruptedException {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Path export = dir.resolve("demo.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "demo",
                "--leads", "40", "--format", "csv", "--output", export.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        boolean finished = p.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }

        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(finished).as("finished in time").isTrue();
        assertThat(p.exitValue()).as(stdout + stderr).isZero();
        assertThat(stdout).contains("People found at more than one provider", "demo-workspace", export.toString());
        assertThat(stderr).doesNotContain("Exception").doesNotContain("SLF4J");
        assertThat(Files.readString(export)).startsWith("id,connection,provider,nativeId,personKey,");
    }

    @Test
    void holdsNoTestServerAndStaysUnderEightMegabytes() throws IOException {
        Path jar = Path.of("target", "leadbridge.jar").toAbsolutePath();
        Pattern testServer = Pattern.compile("(?i)wiremock|jetty|handlebars|kotlin|guava");
        List<String> offending;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            offending = zip.stream().map(e -> e.getName()).filter(n -> testServer.matcher(n).find()).limit(10)
                    .toList();
        }

        assertThat(offending).as("test-server classes in the jar").isEmpty();
        assertThat(Files.size(jar)).as("jar size in bytes").isLessThanOrEqualTo(8_000_000L);
    }
}
