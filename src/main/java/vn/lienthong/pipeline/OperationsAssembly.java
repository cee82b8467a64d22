package vn.lienthong.pipeline;

import java.time.Clock;
import vn.lienthong.config.Settings;
import vn.lienthong.dashboard.DashboardData;
import vn.lienthong.dashboard.DashboardEndpoint;
import vn.lienthong.dashboard.Sessions;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.registry.Operators;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.StuckDocuments;
import vn.lienthong.tracking.TraceQuery;
import vn.lienthong.tracking.TrackingStore;

/** Assembles the operations dashboard (routes/dashboard.yaml) from the gateway's parts. */
final class OperationsAssembly {
    private OperationsAssembly() { }

    static DashboardEndpoint dashboard(Settings.Operations ops, TrackingStore store, AgencyRegistry registry, vn.lienthong.observe.QueueDepths.Source depths,
                                       StuckDocuments stuck, Operators operators, Audit audit, Clock clock) {
        DashboardData data = new DashboardData(store, registry, depths, stuck, new TraceQuery(store), clock);
        return new DashboardEndpoint(data, operators, new Sessions(ops.sessionTimeout(), clock), audit);
    }
}
