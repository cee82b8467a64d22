package vn.lienthong.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vn.lienthong.config.Settings;
import vn.lienthong.pipeline.GatewayLayout;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.tracking.TrackingStore;

/**
 * The folders a command works on (mixin {@code --config}, {@code --routes}, {@code --data}), the same as
 * {@code run}'s, so a command run beside a running gateway sees its configuration and its database
 * (H2 with AUTO_SERVER lets a second process open it; PostgreSQL anyway).
 */
public final class Installation {
    @Option(names = "--config", description = "configuration folder (default: config)") Path config;
    @Option(names = "--routes", description = "route files folder (default: routes)") Path routes;
    @Option(names = "--data", description = "data folder of the gateway (default: data)") Path data;

    GatewayLayout layout() {
        return GatewayLayout.of(Lienthong.home(), config, routes, data);
    }

    Settings settings() throws java.io.IOException {
        return Settings.load(layout().config().resolve("gateway.yaml"));
    }

    AgencyRegistry agencies() throws java.io.IOException {
        return AgencyRegistry.load(layout().config().resolve("agencies.yaml"));
    }

    /** The tracking store with a small pool (a command needs one or two connections). */
    TrackingStore store() throws java.io.IOException {
        Settings.Database db = settings().database();
        return new TrackingStore(db.jdbcUrl(layout().data()), db.user(), db.password(), 2);
    }
}
