package vn.lienthong.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks up a changed {@code config/agencies.yaml} and credentials file while the gateway runs: IT
 * staff add, change or disable an agency, or give it a token, without a rebuild or a restart (the
 * agency's adapter file in {@code routes/} is picked up by the route reload). A file that does not
 * load is reported in the log and changes nothing; the gateway keeps what it had until the file is
 * put right.
 */
public final class RegistryReload {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryReload.class);
    private final AgencyRegistry registry;
    private final Path agencies;
    private final Accounts accounts;
    private final Path credentials;
    private String agenciesSeen;
    private String credentialsSeen;
    private String lastError;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param accounts and {@code credentials}: null when only the registry is watched */
    public RegistryReload(AgencyRegistry registry, Path agencies, Accounts accounts, Path credentials) {
        this.registry = registry;
        this.agencies = agencies;
        this.accounts = accounts;
        this.credentials = credentials;
        agenciesSeen = stamp(agencies);
        credentialsSeen = stamp(credentials);
    }

    /** Called after the agencies changed (e.g. to watch the queue of an agency just added). */
    public RegistryReload onChange(Runnable listener) {
        listeners.add(listener);
        return this;
    }

    /** Reloads what changed since the last look; called by a timer route. */
    public synchronized void check() {
        String a = stamp(agencies);
        String c = stamp(credentials);
        boolean agenciesChanged = !a.equals(agenciesSeen);
        boolean credentialsChanged = !c.equals(credentialsSeen);
        if (!agenciesChanged && !credentialsChanged) return;
        agenciesSeen = a;
        credentialsSeen = c;
        try {
            if (agenciesChanged) {
                AgencyRegistry.Change change = registry.reload(agencies);
                if (!change.isEmpty()) {
                    LOG.info("{} reloaded: added {}, removed {}, changed {}", agencies.getFileName(), change.added(), change.removed(),
                            change.changed());
                    listeners.forEach(Runnable::run);
                }
            }
            // the credentials name agencies: read again after the registry, and whenever either changed
            if (accounts != null && credentials != null) {
                accounts.reload(credentials, registry);
                if (credentialsChanged) LOG.info("{} reloaded", credentials.getFileName());
            }
            lastError = null;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString());
            if (!why.equals(lastError)) {
                LOG.error("configuration not reloaded, the gateway keeps what it had: {}", why);
            }
            lastError = why;
        }
    }

    private static String stamp(Path file) {
        try {
            return file == null ? "" : Files.getLastModifiedTime(file) + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }
}
