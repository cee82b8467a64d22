package vn.lienthong.axis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.lienthong.config.Settings;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.registry.OrganIds;

/**
 * Where a package goes (R23): to an agency of this axis (its own queue), to the national axis
 * ({@value #NATIONAL_AXIS}: one durable outbound queue), or, on a gateway acting as the national axis,
 * to the member gateway that owns the receiver's province (the last part of the organisation id,
 * {@code MX1X2}, e.g. {@code H41} = Nghệ An: R2).
 *
 * <p>Peers are the national axis (as seen from a province) and the member gateways (as seen from the
 * national axis). A package handed in by a peer is served only for the receivers this gateway is
 * responsible for, and never sent back where it came from: a province delivers to its own agencies,
 * the national axis to the other members.
 */
public final class Routing {
    /** The national axis as a queue owner and as the "agency" that hands in what the province polls from it. */
    public static final String NATIONAL_AXIS = "national-axis";

    private final AgencyRegistry registry;
    private final boolean axis;
    private final Map<String, String> memberByProvince = new LinkedHashMap<>();
    private final Set<String> members;

    public Routing(AgencyRegistry registry, Settings.Axis settings) {
        this.registry = registry;
        this.axis = settings != null && settings.enabled();
        if (settings != null) {
            for (Settings.Axis.Member m : settings.members()) {
                if (!registry.contains(m.gateway())) {
                    throw new IllegalArgumentException("axis.members: gateway " + m.gateway()
                            + " must be listed in agencies.yaml (with its credentials and a member route)");
                }
                for (String p : m.provinces()) {
                    String prev = memberByProvince.put(p.strip().toUpperCase(), m.gateway());
                    if (prev != null && !prev.equals(m.gateway())) {
                        throw new IllegalArgumentException("axis.members: province " + p + " is owned by both " + prev + " and " + m.gateway());
                    }
                }
            }
        }
        this.members = Set.copyOf(memberByProvince.values());
    }

    /** Without a national axis or members: every receiver must be an agency of this axis. */
    public static Routing localOnly(AgencyRegistry registry) {
        return new Routing(registry, null);
    }

    public boolean isLocal(String organId) {
        return registry.contains(organId);
    }

    public boolean isPeer(String id) {
        return id != null && (axis && NATIONAL_AXIS.equals(id) || members.contains(id));
    }

    /** Whether a national axis is configured (non-local receivers go there). */
    public boolean axisEnabled() {
        return axis;
    }

    /** The province code of an organisation id: its last dot-separated group ({@code 000.00.13.H41} → {@code H41}). */
    public static String province(String organId) {
        if (organId == null) return "";
        int dot = organId.lastIndexOf('.');
        return organId.substring(dot + 1).toUpperCase();
    }

    /**
     * The owner of the queue a package for {@code receiver} goes on: the receiver itself when it is one
     * of ours (a member gateway included), the member that owns its province, or {@value #NATIONAL_AXIS}
     * for any other receiver in valid id form when a national axis is configured.
     */
    public Optional<String> queueOwner(String receiver) {
        if (receiver == null || receiver.isBlank()) return Optional.empty();
        if (registry.contains(receiver)) return Optional.of(receiver);
        String member = memberByProvince.get(province(receiver));
        if (member != null) return Optional.of(member);
        if (axis && OrganIds.isGeneral(receiver)) return Optional.of(NATIONAL_AXIS);
        return Optional.empty();
    }

    public boolean routable(String receiver) {
        return queueOwner(receiver).isPresent();
    }

    /**
     * The receivers of a package handed in by {@code handedInBy} that this gateway takes responsibility
     * for. From an agency: all of them. From the national axis: only this province's agencies. From a
     * member: those routable here, except the ones in the member's own provinces (it serves them itself).
     */
    public List<String> served(String handedInBy, List<String> receivers) {
        List<String> all = receivers == null ? List.of() : receivers.stream().filter(r -> r != null && !r.isBlank()).distinct().toList();
        if (!isPeer(handedInBy)) return all;
        if (NATIONAL_AXIS.equals(handedInBy)) return all.stream().filter(registry::contains).toList();
        return all.stream().filter(r -> queueOwner(r).filter(o -> !o.equals(handedInBy)).isPresent()).toList();
    }

    /**
     * Whether a package handed in by {@code peer} may carry {@code organId} as its sender (R20 for
     * peers): from the national axis, any organisation outside this province; from a member, any
     * organisation of the member's provinces.
     */
    public boolean mayActFor(String peer, String organId) {
        if (organId == null || !isPeer(peer)) return false;
        if (NATIONAL_AXIS.equals(peer)) return !registry.contains(organId) && OrganIds.isGeneral(organId);
        return peer.equals(memberByProvince.get(province(organId)));
    }
}
