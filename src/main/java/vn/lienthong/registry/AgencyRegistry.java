package vn.lienthong.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lienthong.config.Env;
import vn.lienthong.config.Settings;

/**
 * The agencies of the province, from {@code config/agencies.yaml}. An id that is not in strict
 * form, or listed twice, stops the load with a message naming it: the registry is what the
 * gateway issues, so it must be right (R2).
 */
public final class AgencyRegistry {
    private volatile Map<String, Agency> byId;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<Agency> agencies) { }

    public AgencyRegistry(Collection<Agency> agencies) {
        this.byId = checked(agencies);
    }

    private static Map<String, Agency> checked(Collection<Agency> agencies) {
        Map<String, Agency> m = new LinkedHashMap<>();
        for (Agency a : agencies) {
            if (!OrganIds.isStrict(a.id())) {
                throw new IllegalArgumentException("agencies.yaml: organisation id '" + a.id()
                        + "' is not of the form 000.00.00.H41 (V1V2V3.Z1Z2.Y1Y2.MX1X2)");
            }
            if (m.put(a.id(), a) != null) {
                throw new IllegalArgumentException("agencies.yaml: organisation id '" + a.id() + "' is listed twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    public static AgencyRegistry load(Path file) throws IOException {
        return new AgencyRegistry(read(file));
    }

    private static List<Agency> read(Path file) throws IOException {
        File f = Settings.yaml().readValue(Env.expand(Files.readString(file)), File.class);
        return f == null || f.agencies() == null ? List.of() : f.agencies();
    }

    /**
     * Reads the file again and, if it is right, replaces the agencies every adapter sees at once
     * (IT staff add an agency without restarting the gateway). A broken file changes nothing: the
     * exception says what is wrong and the gateway goes on with the agencies it had.
     *
     * @return the ids added and removed, for the log
     */
    public Change reload(Path file) throws IOException {
        Map<String, Agency> next = checked(read(file));
        Map<String, Agency> before = byId;
        byId = next;
        List<String> added = next.keySet().stream().filter(id -> !before.containsKey(id)).toList();
        List<String> removed = before.keySet().stream().filter(id -> !next.containsKey(id)).toList();
        List<String> changed = next.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()) && !before.get(e.getKey()).equals(e.getValue())).map(Map.Entry::getKey).toList();
        return new Change(added, removed, changed);
    }

    /** What a reload changed. */
    public record Change(List<String> added, List<String> removed, List<String> changed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public Optional<Agency> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }

    /** Whether the agency is registered and not disabled: only such agencies may send or receive. */
    public boolean isActive(String id) {
        return find(id).map(a -> !a.disabled()).orElse(false);
    }

    /** Whether the agency is registered but disabled ({@code disabled: true} in agencies.yaml). */
    public boolean isDisabled(String id) {
        return find(id).map(Agency::disabled).orElse(false);
    }

    public Collection<Agency> all() {
        return byId.values();
    }
}
