package vn.lienthong.pipeline;

import java.nio.file.Path;

/**
 * Where the gateway reads and writes: {@code config/} (settings, agencies, calendar), {@code routes/}
 * (the YAML route files IT staff edit), {@code schemas/} and {@code data/} (database, broker journal,
 * package archive, agency folders). All relative to the installation directory unless set.
 */
public record GatewayLayout(Path home, Path config, Path routes, Path schemas, Path data) {
    public static GatewayLayout of(Path home, Path config, Path routes, Path data) {
        Path h = home.toAbsolutePath().normalize();
        return new GatewayLayout(h, abs(h, config, "config"), abs(h, routes, "routes"), h.resolve("schemas"), abs(h, data, "data"));
    }

    private static Path abs(Path home, Path given, String def) {
        return given == null ? home.resolve(def) : home.resolve(given).toAbsolutePath().normalize();
    }
}
