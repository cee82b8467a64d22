package vn.lienthong.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up a changed {@code config/agencies.yaml} while the gateway runs: IT staff add, change or
 * disable an agency without a rebuild or a restart (the agency's adapter file in {@code routes/} is
 * picked up by the route reload). A file that does not load is reported in the log and changes
 * nothing; the gateway keeps the agencies it had until the file is put right.
 */
public final class RegistryReload {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryReload.class);
    private final AgencyRegistry registry;
    private final Path file;
    private FileTime seen;
    private long seenSize;
    private String lastError;

    public RegistryReload(AgencyRegistry registry, Path file) {
        this.registry = registry;
        this.file = file;
        stamp();
    }

    /** Reloads the registry if the file changed since the last look; called by a timer route. */
    public synchronized void check() {
        FileTime before = seen;
        long sizeBefore = seenSize;
        stamp();
        if (Objects.equals(before, seen) && sizeBefore == seenSize) return;
        try {
            AgencyRegistry.Change change = registry.reload(file);
            lastError = null;
            if (!change.isEmpty()) {
                LOG.info("{} reloaded: added {}, removed {}, changed {}", file.getFileName(), change.added(), change.removed(), change.changed());
            }
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            if (!why.equals(lastError)) {
                LOG.error("{} not reloaded, the gateway keeps the agencies it had: {}", file.getFileName(), why);
            }
            lastError = why;
        }
    }

    private void stamp() {
        try {
            seen = Files.getLastModifiedTime(file);
            seenSize = Files.size(file);
        } catch (IOException e) {
            seen = null;
            seenSize = -1;
        }
    }
}
