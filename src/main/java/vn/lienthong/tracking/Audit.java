package vn.lienthong.tracking;

import java.time.Clock;
import vn.lienthong.time.VietnamTime;

/** The access log (R20): every access through an adapter, allowed or denied, one row each. */
public final class Audit {
    private final TrackingStore store;
    private final Clock clock;

    public Audit(TrackingStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String agency, String adapter, String action, String target, String outcome, String remote, String detail) {
        record(agency, adapter, action, target, outcome, remote, detail, null);
    }

    /** @param authMethod how the caller was authenticated, e.g. {@code token}, {@code client-certificate} */
    public void record(String agency, String adapter, String action, String target, String outcome, String remote, String detail,
                       String authMethod) {
        store.inTransaction(c -> Jdbc.update(c, "INSERT INTO audit (at, agency_id, adapter, action, target, outcome, remote, detail, auth_method)"
                + " VALUES (?,?,?,?,?,?,?,?,?)", VietnamTime.now(clock), agency, adapter, Jdbc.clip(action, 60), Jdbc.clip(target, 255),
                outcome, Jdbc.clip(remote, 100), Jdbc.clip(detail, 1000), Jdbc.clip(authMethod, 40)));
    }
}
