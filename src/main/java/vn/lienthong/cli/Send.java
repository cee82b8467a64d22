package vn.lienthong.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.config.RouteFiles;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * {@code bin/lienthong send <file> --as <agency>}: hands a package in to the running gateway as that
 * agency, through the agency's own drop folder (its {@code file-pickup} outbox, written under a hidden
 * name then renamed, exactly as agency systems must), then waits for the gateway's decision in the
 * tracking store and prints the document id, the outcome and the deliveries.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Hand a package in as an agency, through its drop folder (outbox) of the running gateway; wait for the outcome.",
                "Exit codes: 0 accepted (or the same package again), 1 error or no answer in time (is the gateway running?), 2 refused."})
public final class Send implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the .edxml package") Path file;
    @Option(names = "--as", required = true, paramLabel = "AGENCY", description = "organisation id of the agency handing it in") String agency;
    @Option(names = "--wait", defaultValue = "60", description = "seconds to wait for the gateway's decision (default: ${DEFAULT-VALUE})") int waitSeconds;
    @Mixin Installation installation;

    record Outcome(long id, String outcome, String documentId, String kind, String reasonText, String warnings, java.time.OffsetDateTime at) { }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            System.err.println("error: no file " + file);
            return 1;
        }
        var registry = installation.agencies();
        if (!registry.contains(agency)) {
            System.err.println("refused: " + agency + " is not in config/agencies.yaml (E300)");
            return 2;
        }
        var layout = installation.layout();
        Optional<Path> outbox = RouteFiles.outbox(layout.routes(), layout.data(), agency);
        if (outbox.isEmpty()) {
            System.err.println("error: " + agency + " has no drop folder (no file-pickup route for it in " + layout.routes() + ")");
            return 1;
        }
        String base = file.getFileName().toString().replaceAll("\\.edxml$", "").replaceAll("[^\\p{L}\\p{N}._-]", "_");
        String name = "cli-" + LocalDateTime.now(VietnamTime.ZONE).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + "-" + Long.toHexString(System.nanoTime() & 0xfffff) + "-" + base + ".edxml";
        Files.createDirectories(outbox.get());
        Path hidden = outbox.get().resolve("." + name + ".part");
        Files.copy(file, hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.move(hidden, outbox.get().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        System.out.println("handed in as " + agency + ": " + outbox.get().resolve(name));

        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        try (TrackingStore store = installation.store()) {
            Outcome o = null;
            while (o == null && System.nanoTime() < deadline) {
                o = store.inTransaction(c -> Jdbc.one(c, "SELECT id, outcome, document_id, kind, reason_text, warnings, received_at"
                        + " FROM package WHERE adapter = 'file' AND handed_in_by = ? AND file_name = ? ORDER BY id DESC",
                        rs -> new Outcome(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getObject(7, java.time.OffsetDateTime.class)), agency, name)).orElse(null);
                if (o == null) Thread.sleep(200);
            }
            if (o == null) {
                System.err.println("error: no decision within " + waitSeconds + " s: is the gateway running, with a file-pickup route for "
                        + agency + "? The file stays in the outbox and is taken when it runs.");
                return 1;
            }
            System.out.println("document id: " + (o.documentId() == null ? "-" : o.documentId()));
            System.out.println("outcome: " + o.outcome() + " (package " + o.id() + ", " + o.kind().toLowerCase() + ", received "
                    + VietnamTime.iso(o.at()) + ")");
            if (o.warnings() != null) System.out.println("warnings: " + o.warnings());
            if ("REFUSED".equals(o.outcome())) {
                System.out.println("reasons: " + o.reasonText());
                return 2;
            }
            long pkg = o.id();
            List<String[]> deliveries = List.of();
            do {
                deliveries = store.inTransaction(c -> Jdbc.list(c, "SELECT agency_id, state FROM delivery WHERE package_ref = ? ORDER BY id",
                        rs -> new String[] {rs.getString(1), rs.getString(2)}, pkg));
                if (deliveries.stream().noneMatch(d -> "QUEUED".equals(d[1]))) break;
                Thread.sleep(200);
            } while (System.nanoTime() < deadline);
            for (String[] d : deliveries) System.out.println("delivery to " + d[0] + ": " + d[1]);
            return 0;
        }
    }
}
