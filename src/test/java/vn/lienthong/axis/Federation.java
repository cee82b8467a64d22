package vn.lienthong.axis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * Three real gateways in one JVM, each with its own broker (vm://n), database, folders and HTTP port:
 * one configured as the national axis whose members are the gateways of Nghệ An (H41) and Hà Tĩnh
 * (H42), which reach it over real HTTP with the national-axis protocol.
 */
final class Federation implements AutoCloseable {
    static final String NATIONAL_ID = "000.00.99.G22";
    static final String GW_A = "000.00.99.H41";
    static final String GW_B = "000.00.99.H42";
    static final String SENDER_A = "000.00.13.H41";
    static final String RECEIVER_B = "000.00.05.H42";
    static final String SECRET_A = "secret-of-nghe-an";
    static final String SECRET_B = "secret-of-ha-tinh";
    static final Path PROJECT = Path.of("").toAbsolutePath();

    TestGatewayAccess national;
    TestGatewayAccess a;
    TestGatewayAccess b;
    final Path root;
    int nationalPort;

    Federation(Path root) {
        this.root = root;
    }

    Federation start() throws Exception {
        national = startNational();
        a = startProvince("a", "H41", GW_A, SECRET_A, 11);
        b = startProvince("b", "H42", GW_B, SECRET_B, 12);
        return this;
    }

    TestGatewayAccess startNational() throws Exception {
        return startNational(0);
    }

    /** The national axis gateway (again, after {@code national.close()}: same data, same port when {@code port} is given). */
    TestGatewayAccess startNational(int port) throws Exception {
        TestGatewayAccess n = TestGatewayAccess.start(root.resolve("national"), home -> {
            Path cfg = home.resolve("config");
            if (port > 0) {
                Path y = cfg.resolve("gateway.yaml");
                Files.writeString(y, Files.readString(y).replaceFirst("\n  port: \\d+", "\n  port: " + port));
            }
            edit(cfg.resolve("gateway.yaml"), "organ-id: 000.00.99.H41", "organ-id: " + NATIONAL_ID,
                    "url: vm://0", "url: vm://10",
                    "members: []", "members: [{gateway: " + GW_A + ", provinces: [H41]}, {gateway: " + GW_B + ", provinces: [H42]}]");
            Files.writeString(cfg.resolve("agencies.yaml"), "agencies:\n"
                    + "  - id: " + GW_A + "\n    name: Trục liên thông văn bản tỉnh Nghệ An\n"
                    + "  - id: " + GW_B + "\n    name: Trục liên thông văn bản tỉnh Hà Tĩnh\n");
            Files.writeString(cfg.resolve("demo-credentials.yaml"), "credentials:\n"
                    + "  - agency: " + GW_A + "\n    vdxp-system-id: " + GW_A + "\n    vdxp-secret: " + SECRET_A + "\n"
                    + "  - agency: " + GW_B + "\n    vdxp-system-id: " + GW_B + "\n    vdxp-secret: " + SECRET_B + "\n");
            try (Stream<Path> s = Files.list(home.resolve("routes"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("agency-")).toList()) Files.delete(p);
            }
            for (String m : List.of(GW_A, GW_B)) {
                Files.writeString(home.resolve("routes/member-" + m.replace('.', '_') + ".yaml"), "- templatedRoute:\n"
                        + "    routeTemplateRef: axis-member\n    routeId: \"axis-member-" + m + "\"\n    parameters:\n"
                        + "      - name: member\n        value: \"" + m + "\"\n");
            }
        });
        nationalPort = n.httpPort();
        national = n;
        return n;
    }

    /** A province whose agencies are the demo ones with province code {@code code}, connected to the national axis. */
    TestGatewayAccess startProvince(String dir, String code, String gatewayId, String secret, int vm) throws Exception {
        return TestGatewayAccess.start(root.resolve(dir), home -> {
            Path cfg = home.resolve("config");
            for (Path f : List.of(cfg.resolve("agencies.yaml"), cfg.resolve("demo-credentials.yaml"))) {
                Files.writeString(f, Files.readString(f).replace("H41", code));
            }
            try (Stream<Path> s = Files.list(home.resolve("routes"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("agency-")).toList()) {
                    String text = Files.readString(p).replace("H41", code);
                    Files.delete(p);
                    Files.writeString(p.resolveSibling(p.getFileName().toString().replace("H41", code)), text);
                }
            }
            edit(cfg.resolve("gateway.yaml"), "organ-id: 000.00.99.H41", "organ-id: " + gatewayId,
                    "url: vm://0", "url: vm://" + vm,
                    "endpoint: ${LIENTHONG_AXIS_ENDPOINT:}", "endpoint: " + endpoint(),
                    "system-id: ${LIENTHONG_AXIS_SYSTEM_ID:000.00.99.H41}", "system-id: " + gatewayId,
                    "secret: ${LIENTHONG_AXIS_SECRET:}", "secret: " + secret,
                    "poll-ms: 5000", "poll-ms: 150",
                    "connect-timeout-ms: 5000", "connect-timeout-ms: 1000",
                    "request-timeout-ms: 30000", "request-timeout-ms: 5000",
                    "retry-initial-ms: 1000", "retry-initial-ms: 100",
                    "retry-max-ms: 300000", "retry-max-ms: 400",
                    "max-attempts: 20", "max-attempts: 200");
        });
    }

    /** Province A again on the same installation (its broker journal and database kept). */
    TestGatewayAccess restartA() throws Exception {
        a.close();
        a = startProvince("a", "H41", GW_A, SECRET_A, 11);
        return a;
    }

    String endpoint() {
        return "http://127.0.0.1:" + nationalPort + "/vdxp";
    }

    static void edit(Path file, String... pairs) throws IOException {
        String s = Files.readString(file);
        for (int i = 0; i < pairs.length; i += 2) {
            if (!s.contains(pairs[i])) throw new IllegalStateException(file + " has no '" + pairs[i] + "'");
            s = s.replace(pairs[i], pairs[i + 1]);
        }
        Files.writeString(file, s);
    }

    static Path folder(TestGatewayAccess gw, Path home, String agency, String which) {
        return home.resolve("data/agencies").resolve(agency).resolve(which);
    }

    Path home(String dir) {
        return root.resolve(dir);
    }

    /** The demo document from A's sender to B's receiver, with its DocumentId, urgency and business type. */
    static byte[] document(String documentId, int priority, int businessType) throws IOException {
        return Files.readString(PROJECT.resolve("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>" + RECEIVER_B + "</edXML:OrganId>")
                .replace("<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId>", "<edXML:DocumentId>" + documentId + "</edXML:DocumentId>")
                .replace("<edXML:Priority>0</edXML:Priority>", "<edXML:Priority>" + priority + "</edXML:Priority>")
                .replace("<edXML:BussinessDocType>0</edXML:BussinessDocType>", "<edXML:BussinessDocType>" + businessType + "</edXML:BussinessDocType>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A status packet from B's receiver about A's document. */
    static byte[] status(String documentId, String code) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(RECEIVER_B, "Sở Nội vụ tỉnh Hà Tĩnh"),
                new ResponseFor(SENDER_A, "74fass22/VPCP-TTĐT", "2019/01/16", documentId), null, code,
                "Trạng thái " + code, "2026/11/21 09:00:00"), out);
        return out.toByteArray();
    }

    /** The contents of the visible .edxml files of a folder. */
    static List<String> contents(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".edxml") && !p.getFileName().toString().startsWith("."))
                    .sorted().map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            return "";
                        }
                    }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static long statuses(Path dir, String documentId, String code) {
        return contents(dir).stream().filter(t -> t.contains("<edXML:StatusCode>" + code + "</edXML:StatusCode>")
                && t.contains(documentId + "</edXML:DocumentId>") && t.contains(RECEIVER_B)).count();
    }

    static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (TestGatewayAccess g : new TestGatewayAccess[] {a, b, national}) {
            if (g != null) g.close();
        }
    }
}
