package dev.leadbridge.kafka.connect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** What the embedded-cluster tests share: the plugin archive installed as a worker's plugin.path. */
final class EmbeddedConnectClusterITSupport {

    private EmbeddedConnectClusterITSupport() {
    }

    /** target/leadbridge-kafka-connect-<version>.zip unpacked into a fresh plugin.path directory. */
    static Path unpackPluginArchive() throws IOException {
        Path target = Path.of("target");
        Path zip;
        try (Stream<Path> files = Files.list(target)) {
            zip = files.filter(p -> p.getFileName().toString().matches("leadbridge-kafka-connect-.*\\.zip"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no plugin archive in target/"));
        }
        Path plugins = Files.createTempDirectory(target, "plugin-path-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = plugins.resolve(e.getName()).normalize();
                if (!out.startsWith(plugins)) {
                    throw new IOException("entry outside the archive root: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy((InputStream) in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return plugins;
    }
}
