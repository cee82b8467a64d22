package vn.lienthong.observe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the gateway needs to accept and deliver packages: the broker, the database and the national
 * axis connection, each a {@link HealthContributor}. The gateway is ready when none is DOWN. A
 * contributor registered under a name already present replaces it: the national-axis connector
 * replaces the "not configured" placeholder the gateway starts with. Register before the gateway's
 * Camel context starts: the health endpoint has one check per name known then.
 */
public final class Readiness {
    /** Name of the national-axis contributor: the {@code axis} connector registers itself under it. */
    public static final String NATIONAL_AXIS = "national-axis";

    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Map<String, HealthContributor> contributors = new ConcurrentHashMap<>();

    public Readiness register(HealthContributor c) {
        if (contributors.put(c.name(), c) == null) order.add(c.name());
        return this;
    }

    public List<HealthContributor> contributors() {
        return order.stream().map(contributors::get).toList();
    }

    /** The current answer of the contributor called {@code name} (DOWN when there is none). */
    public HealthContributor.Health check(String name) {
        HealthContributor c = contributors.get(name);
        return c == null ? HealthContributor.Health.down("no such check: " + name) : c.check();
    }
}
