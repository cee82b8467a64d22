package vn.lienthong.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import vn.lienthong.pipeline.Gateway;
import vn.lienthong.pipeline.GatewayLayout;
import vn.lienthong.tracking.Jdbc;

/**
 * Whole-pipeline benchmark: a fresh gateway (embedded broker, H2) in a temporary installation,
 * N packages of about S bytes dropped into one agency's outbox, timed until every receiver has it
 * and every 01 is recorded. Prints throughput and arrival → 01 latency percentiles.
 *
 * <p>Run: {@code bench/run [count] [sizeBytes] [packagesPerSecond]} (rate 0: all at once, for throughput).
 */
public final class PipelineBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0; // packages per second; 0 = all at once
        Path project = Path.of("").toAbsolutePath();
        Path home = Files.createTempDirectory("lienthong-bench");
        for (String d : List.of("config", "routes", "schemas")) copy(project.resolve(d), home.resolve(d));
        String template = Files.readString(project.resolve("demo/edoc_new.edxml"));
        String text = "Nội dung văn bản ".repeat(Math.max(1, size / 24));
        String b64 = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        template = template.replaceAll("(?s)(<edXML:ContentTransferEncoded[^>]*>).*?(</edXML:ContentTransferEncoded>)", "$1" + b64 + "$2")
                .replace("<edXML:ContentType>application/zip</edXML:ContentType>", "<edXML:ContentType>text/plain</edXML:ContentType>")
                .replace("<ContentType>application/zip</ContentType>", "<ContentType>text/plain</ContentType>")
                .replace("1896_QD-TTg_m_294779.doc", "vanban.txt");
        Path staging = home.resolve("staging");
        Files.createDirectories(staging);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path f = staging.resolve("p" + i + ".edxml");
            Files.writeString(f, template.replace("000.00.13.H41-2026.1<", "000.00.13.H41-2026." + i + "<"));
            files.add(f);
        }
        System.out.printf("bench: %d packages of %d bytes, %s%n", n, Files.size(files.get(0)), rate == 0 ? "all at once" : rate + "/s");
        try (Gateway g = new Gateway(GatewayLayout.of(home, null, null, null)).start()) {
            Path outbox = home.resolve("data/agencies/000.00.13.H41/outbox");
            Files.createDirectories(outbox);
            long t0 = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                if (rate > 0) {
                    long due = t0 + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) Thread.onSpinWait();
                }
                Files.move(files.get(i), outbox.resolve(files.get(i).getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            long delivered;
            do {
                Thread.sleep(100);
                delivered = g.store().inTransaction(c -> Jdbc.one(c,
                        "SELECT COUNT(*) FROM status_event WHERE status_code = '01'", rs -> rs.getLong(1)).orElse(0L));
            } while (delivered < n && System.nanoTime() - t0 < 600_000_000_000L);
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Long> lat = g.store().inTransaction(c -> Jdbc.list(c, "SELECT p.received_at, s.at FROM status_event s"
                    + " JOIN package p ON p.id = s.package_ref WHERE s.status_code = '01'",
                    rs -> java.time.Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                            rs.getObject(2, java.time.OffsetDateTime.class)).toMillis()));
            Collections.sort(lat);
            long pickupMs = g.store().inTransaction(c -> Jdbc.one(c, "SELECT MIN(received_at), MAX(received_at) FROM package",
                    rs -> java.time.Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                            rs.getObject(2, java.time.OffsetDateTime.class)).toMillis()).orElse(0L));
            System.out.printf("bench: intake (pickup of all %d files) took %.2f s%n", n, pickupMs / 1000.0);
            System.out.printf("bench: %d of %d delivered with 01 in %.2f s = %.0f packages/s%n", delivered, n, secs, delivered / secs);
            System.out.printf("bench: pickup → 01 latency under this load (ms): p50 %d, p90 %d, p99 %d, max %d%n",
                    pct(lat, 50), pct(lat, 90), pct(lat, 99), lat.isEmpty() ? 0 : lat.get(lat.size() - 1));
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
