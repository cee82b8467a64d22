package vn.lienthong.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where the raw bytes of every package handed in are kept, accepted or refused, exactly as they
 * arrived (R16, R21): {@code <data>/archive/yyyy/MM/dd/<intake key>.edxml}. Deliveries are copies
 * of these files, so what a receiver gets is byte for byte what the sender sent.
 */
public final class PackageArchive {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private final Path root;

    public PackageArchive(Path root) {
        this.root = root;
    }

    /** Copies {@code source} into the archive (idempotent: the same key overwrites the same file). */
    public Path keep(Path source, String key, OffsetDateTime receivedAt) throws IOException {
        return keep(source, key, receivedAt, ".edxml");
    }

    /** The same for input that never became a package, kept as it came (e.g. a refused mail, {@code .eml}). */
    public Path keep(Path source, String key, OffsetDateTime receivedAt, String extension) throws IOException {
        Path dir = root.resolve(DAY.format(receivedAt));
        Files.createDirectories(dir);
        Path target = dir.resolve(key + extension);
        Path tmp = dir.resolve("." + key + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
