package vn.lienthong.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
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
    private final Map<String, Agency> byId;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<Agency> agencies) { }

    public AgencyRegistry(Collection<Agency> agencies) {
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
        this.byId = java.util.Collections.unmodifiableMap(m); // in file order
    }

    public static AgencyRegistry load(Path file) throws IOException {
        File f = Settings.yaml().readValue(Env.expand(Files.readString(file)), File.class);
        return new AgencyRegistry(f == null || f.agencies() == null ? List.of() : f.agencies());
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
