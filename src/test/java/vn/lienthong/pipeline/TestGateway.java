package vn.lienthong.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;

/**
 * A real gateway for tests: a fresh installation directory (config/, routes/, schemas/ copied
 * from the project), an embedded broker and a database of its own, real agency folders.
 */
final class TestGateway implements AutoCloseable {
    static final String SENDER = "000.00.13.H41";
    static final String RECEIVER = "000.00.05.H41";
    static final String OTHER = "000.00.00.H41";
    static final Path PROJECT = Path.of("").toAbsolutePath();

    final Path home;
    final Gateway gateway;

    TestGateway(Path home, String databaseUrl) throws Exception {
        this(home, databaseUrl, h -> { });
    }

    /** @param setUp changes the installation (config files, keys) before the gateway starts */
    TestGateway(Path home, String databaseUrl, SetUp setUp) throws Exception {
        this.home = home;
        for (String d : List.of("config", "routes", "schemas")) copyTree(PROJECT.resolve(d), home.resolve(d));
        Path settings = home.resolve("config/gateway.yaml");
        String yaml = Files.readString(settings)
                .replace("redelivery-delay-ms: 500", "redelivery-delay-ms: 50")
                .replace("max-delivery-attempts: 6", "max-delivery-attempts: 3")
                .replace("port: 8080", "port: " + freePort())
                .replace("port: 8081", "port: " + freePort());
        if (databaseUrl != null) {
            yaml = yaml.replace("url: ${LIENTHONG_DB_URL:}", "url: " + databaseUrl)
                    .replace("user: ${LIENTHONG_DB_USER:sa}", "user: postgres");
        }
        Files.writeString(settings, yaml);
        setUp.apply(home);
        gateway = new Gateway(GatewayLayout.of(home, null, null, null)).start();
    }

    @FunctionalInterface
    interface SetUp {
        void apply(Path home) throws Exception;
    }

    final int httpPort() {
        return settings().http().port();
    }

    final int soapPort() {
        return settings().soap().port();
    }

    private vn.lienthong.config.Settings settings() {
        try {
            return vn.lienthong.config.Settings.load(home.resolve("config/gateway.yaml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path folder(String agency, String which) {
        return home.resolve("data/agencies").resolve(agency).resolve(which);
    }

    /** Drops a package the way agency systems must: write under a temporary name, then rename. */
    Path drop(String agency, String name, byte[] content) throws IOException {
        Path outbox = folder(agency, "outbox");
        Files.createDirectories(outbox);
        Path tmp = outbox.resolve("." + name + ".part");
        Files.write(tmp, content);
        return Files.move(tmp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static String demo() throws IOException {
        return Files.readString(PROJECT.resolve("demo/edoc_new.edxml"));
    }

    /** The demo package with another DocumentId. */
    static String demo(String documentId) throws IOException {
        return demo().replace("<edXML:DocumentId>000.00.13.H41-2026.1</edXML:DocumentId>",
                "<edXML:DocumentId>" + documentId + "</edXML:DocumentId>");
    }

    static byte[] status(String from, String documentId, String code) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(from, from),
                new ResponseFor(SENDER, "74fass22/VPCP-TTĐT", "2019/01/16", documentId), null, code,
                "Trạng thái " + code, "2026/11/21 09:00:00"), out);
        return out.toByteArray();
    }

    List<Path> files(String agency, String which, String suffix) {
        Path dir = folder(agency, which);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }

    /** Checks a condition stays false for a while (nothing more arrives). */
    static void quiet(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public void close() throws Exception {
        gateway.close();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

}
