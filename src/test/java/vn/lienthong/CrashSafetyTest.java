package vn.lienthong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, end to end: the gateway runs as a separate JVM on a fresh installation, an agency
 * drops hundreds of packages into its outbox, the receiving systems take what appears in their
 * inbox and status folders, and the gateway is killed with SIGKILL twice while packages are in
 * flight. After the restarts every package must reach each of its receivers exactly once, and the
 * sender must get exactly one 01 status per (package, receiver): nothing lost, nothing doubled.
 */
class CrashSafetyTest {
    private static final String SENDER = "000.00.13.H41";
    private static final String R1 = "000.00.05.H41";
    private static final String R2 = "000.00.00.H41";
    private static final int N = 600;                       // odd n → R1 only, even n → R1 and R2
    private static final String DOC_PREFIX = SENDER + "-2026.";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static final Pattern INBOX_DOC_ID = Pattern.compile(
            "<edXML:DocumentId>(" + Pattern.quote(DOC_PREFIX) + "\\d+)</edXML:DocumentId>");
    private static final Pattern STATUS_FROM = Pattern.compile(
            "<edXML:From>.*?<edXML:OrganId>([^<]+)</edXML:OrganId>", Pattern.DOTALL);
    private static final Pattern STATUS_FOR = Pattern.compile(
            "<edXML:ResponseFor>.*?<edXML:DocumentId>([^<]+)</edXML:DocumentId>.*?</edXML:ResponseFor>", Pattern.DOTALL);
    private static final Pattern STATUS_CODE = Pattern.compile("<edXML:StatusCode>([^<]+)</edXML:StatusCode>");
    private static final Pattern ENCODED = Pattern.compile(
            "(<edXML:ContentTransferEncoded[^>]*>)[^<]*(</edXML:ContentTransferEncoded>)");

    @TempDir
    Path home;

    private Process gateway;
    private int runs;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    // what the simulated receiving systems took, by file name (a multiset: a duplicate shows as 2)
    private final Map<String, AtomicInteger> takenNames = new ConcurrentHashMap<>();
    // per receiver: DocumentId → how many times it reached that receiver's inbox
    private final Map<String, Map<String, AtomicInteger>> delivered = new ConcurrentHashMap<>();
    // "DocumentId|receiver" → how many 01 statuses the sender got for it
    private final Map<String, AtomicInteger> statuses01 = new ConcurrentHashMap<>();
    private final List<String> oddStatuses = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger statusCount = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private final AtomicReference<Throwable> backgroundFailure = new AtomicReference<>();

    @AfterEach
    void tearDown() throws Exception {
        stop = true;
        for (Thread t : threads) t.join(5_000);
        killGateway();
        keepLogs();
    }

    /** The gateway's logs outlive the temporary installation, under target/crash-safety/, for whoever reads a failure. */
    private void keepLogs() throws IOException {
        Path keep = Path.of("target", "crash-safety");
        Files.createDirectories(keep);
        for (int i = 1; i <= runs; i++) {
            Path log = home.resolve("gateway-" + i + ".log");
            if (Files.exists(log)) Files.copy(log, keep.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyPackageArrivesExactlyOnceAcrossSigkills() throws Exception {
        long t0 = System.nanoTime();
        install();
        Path data = home.resolve("data");
        Path outbox = data.resolve("agencies").resolve(SENDER).resolve("outbox");
        Path consumed = home.resolve("consumed");
        List<byte[]> packages = makePackages();
        int expectedDeliveries = N + N / 2;
        int expectedStatuses = N + N / 2;

        startGateway();
        Files.createDirectories(outbox);
        background("consumer", () -> consume(data, consumed));
        background("feeder", () -> feed(outbox, packages));

        // first crash: some deliveries done, most still to come
        awaitCondition("100 deliveries before the first kill", Duration.ofSeconds(60), () -> deliveries.get() >= 100);
        String kill1 = crash(outbox, expectedDeliveries);
        startGateway();

        // second crash: past half of the deliveries, still not all of them
        int mark = Math.max(deliveries.get() + 100, expectedDeliveries / 2);
        awaitCondition(mark + " deliveries before the second kill", Duration.ofSeconds(60), () -> deliveries.get() >= mark);
        String kill2 = crash(outbox, expectedDeliveries);
        startGateway();

        // everything taken, outbox empty, then a few quiet seconds in which nothing more appears; on a timeout
        // the checks below still run, so that the failure names what is missing or doubled
        boolean finished = poll(FINISH_TIMEOUT, () -> {
            if (backgroundFailure.get() != null) return true;
            boolean all = dropped.get() == N && deliveries.get() >= expectedDeliveries && statusCount.get() >= expectedStatuses
                    && pendingIn(outbox) == 0;
            return all && System.nanoTime() - lastActivity.get() > QUIET.toNanos();
        });
        boolean alive = gateway != null && gateway.isAlive();
        stop = true;
        for (Thread t : threads) t.join(5_000);
        assertNull(backgroundFailure.get(), () -> "background thread failed: " + backgroundFailure.get());

        // ------------------------------------------------------------ checks
        List<String> problems = new ArrayList<>();
        if (!finished) {
            problems.add("not finished within " + FINISH_TIMEOUT.toSeconds() + " s (gateway " + (alive ? "running" : "exited")
                    + "): dropped " + dropped.get() + ", deliveries " + deliveries.get() + "/" + expectedDeliveries + ", statuses "
                    + statusCount.get() + "/" + expectedStatuses + ", still in the outbox " + pendingIn(outbox)
                    + "; gateway log in target/crash-safety/");
        }
        takenNames.forEach((name, c) -> {
            if (c.get() != 1) problems.add("file " + name + " taken " + c.get() + " times");
        });
        int[] perReceiver = new int[2];
        for (int n = 1; n <= N; n++) {
            String doc = DOC_PREFIX + n;
            for (String r : receiversOf(n)) {
                int got = count(delivered.getOrDefault(r, Map.of()).get(doc));
                if (got != 1) problems.add(doc + " reached " + r + " " + got + " times");
                else perReceiver[r.equals(R1) ? 0 : 1]++;
                int st = count(statuses01.get(doc + "|" + r));
                if (st != 1) problems.add(doc + ": " + st + " status 01 from " + r + " (expected 1)");
            }
        }
        delivered.forEach((r, docs) -> docs.forEach((doc, c) -> {
            int n = Integer.parseInt(doc.substring(DOC_PREFIX.length()));
            if (!receiversOf(n).contains(r)) problems.add(doc + " reached " + r + ", which is not a receiver");
        }));
        statuses01.forEach((k, c) -> {
            String[] p = k.split("\\|");
            int n = p[0].startsWith(DOC_PREFIX) ? Integer.parseInt(p[0].substring(DOC_PREFIX.length())) : -1;
            if (n < 1 || n > N || !receiversOf(n).contains(p[1])) problems.add("unexpected 01 status " + k);
        });
        problems.addAll(oddStatuses);

        List<String> left;
        try (Stream<Path> s = Files.list(outbox)) {
            left = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".done")).sorted().toList();
        }
        if (!left.isEmpty()) problems.add("left in outbox: " + left);
        long done;
        try (Stream<Path> s = Files.list(outbox.resolve(".done"))) {
            done = s.filter(p -> p.getFileName().toString().endsWith(".edxml")).count();
        }
        if (done != N) problems.add("outbox/.done holds " + done + " packages, expected " + N);

        long errors = logLines().filter(l -> l.contains(" ERROR ")).count();
        System.out.printf("CrashSafetyTest: %d packages (%d to %s only, %d also to %s), %d runs of the gateway, %.1f s%n",
                N, N - N / 2, R1, N / 2, R2, runs, (System.nanoTime() - t0) / 1e9);
        System.out.printf("  kill 1: %s%n  kill 2: %s%n", kill1, kill2);
        System.out.printf("  taken: %d deliveries (%s: %d, %s: %d of %d/%d expected), %d status files (%d distinct 01), "
                        + "%d in outbox/.done, %d ERROR log lines%n",
                deliveries.get(), R1, perReceiver[0], R2, perReceiver[1], N, N / 2, statusCount.get(), statuses01.size(), done, errors);
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems after SIGKILL and restart:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(50, problems.size()))));
        }
        assertEquals(expectedDeliveries, deliveries.get());
        assertEquals(expectedStatuses, statusCount.get());
    }

    // ---------------------------------------------------------------- the installation and the gateway process

    private void install() throws IOException {
        Path project = Path.of("").toAbsolutePath();
        for (String dir : List.of("config", "routes", "schemas")) copyTree(project.resolve(dir), home.resolve(dir));
        Path settings = home.resolve("config/gateway.yaml");
        String yaml = Files.readString(settings, StandardCharsets.UTF_8);
        String faster = yaml.replaceFirst("redelivery-delay-ms:\\s*\\d+", "redelivery-delay-ms: 100");
        assertTrue(!faster.equals(yaml) || yaml.contains("redelivery-delay-ms: 100"), "redelivery-delay-ms not found in gateway.yaml");
        Files.writeString(settings, faster, StandardCharsets.UTF_8);
    }

    private void startGateway() throws Exception {
        runs++;
        Path log = home.resolve("gateway-" + runs + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m",
                "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
                "-Dlienthong.home=" + home, "-Dlienthong.http.port=" + vn.lienthong.pipeline.TestGatewayPorts.free(),
                "-Dlienthong.soap.port=" + vn.lienthong.pipeline.TestGatewayPorts.free(),
                "-Dlog4j2.configurationFile=" + home.resolve("config/log4j2.xml"),
                "-cp", System.getProperty("java.class.path"),
                "vn.lienthong.cli.Lienthong", "run");
        pb.directory(home.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        gateway = pb.start();
        Process p = gateway;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (Files.exists(log) && new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("Liên Thông Gateway started")) return;
            if (!p.isAlive()) fail("gateway run " + runs + " exited with " + p.exitValue() + ":\n" + tail(log));
            if (System.nanoTime() > deadline) fail("gateway run " + runs + " did not start within " + START_TIMEOUT + ":\n" + tail(log));
            Thread.sleep(50);
        }
    }

    /** SIGKILL, no shutdown hooks, no flushing: then a snapshot of what was in flight at that moment. */
    private String crash(Path outbox, int expectedDeliveries) throws Exception {
        ProcessHandle h = gateway.toHandle();
        int d = deliveries.get();
        int s = statusCount.get();
        int in = dropped.get();
        int waiting = pendingIn(outbox);
        int complete = completePackages();
        killGateway();
        assertTrue(d < expectedDeliveries, "all deliveries were done before the kill: nothing was in flight");
        return String.format("pid %d at %d/%d deliveries, %d/%d statuses taken; %d of %d packages dropped, %d still in the outbox,"
                        + " %d in flight (dropped, not yet fully delivered and acknowledged)",
                h.pid(), d, expectedDeliveries, s, expectedDeliveries, in, N, waiting, in - complete);
    }

    private void killGateway() throws InterruptedException {
        Process p = gateway;
        if (p == null) return;
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(20, TimeUnit.SECONDS)) throw new IllegalStateException("gateway process did not die");
        gateway = null;
    }

    // ---------------------------------------------------------------- the sending agency

    private List<byte[]> makePackages() throws IOException {
        String demo = Files.readString(Path.of("demo/edoc_new.edxml"), StandardCharsets.UTF_8);
        String oldName = "1896_QD-TTg_m_294779.doc";
        for (String must : List.of(DOC_PREFIX + "1<", "cid:209", oldName, "application/zip", "<edXML:OrganId>" + R1 + "</")) {
            assertTrue(demo.contains(must), "demo/edoc_new.edxml no longer contains " + must);
        }
        String template = demo.replace(DOC_PREFIX + "1<", DOC_PREFIX + "@N@<")
                .replace("application/zip", "text/plain")
                .replace(oldName, "vanban-@N@.txt");
        Matcher m = ENCODED.matcher(template);
        assertTrue(m.find(), "no ContentTransferEncoded in the demo package");
        template = template.substring(0, m.start()) + m.group(1) + "@DATA@" + m.group(2) + template.substring(m.end());
        int toStart = template.indexOf("<edXML:To>");
        int toEnd = template.indexOf("</edXML:To>") + "</edXML:To>".length();
        String secondTo = template.substring(toStart, toEnd)
                .replace("<edXML:OrganId>" + R1 + "</", "<edXML:OrganId>" + R2 + "</")
                .replace("Sở Nội vụ tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An");
        String twoReceivers = template.substring(0, toEnd) + "\n        " + secondTo + template.substring(toEnd);
        List<byte[]> out = new ArrayList<>(N);
        for (int n = 1; n <= N; n++) {
            String data = Base64.getEncoder().encodeToString(("Nội dung văn bản số " + n).getBytes(StandardCharsets.UTF_8));
            String xml = (n % 2 == 0 ? twoReceivers : template).replace("@N@", Integer.toString(n)).replace("@DATA@", data);
            out.add(xml.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> receiversOf(int n) {
        return n % 2 == 0 ? List.of(R1, R2) : List.of(R1);
    }

    /** Drops the packages fast, write then rename, keeping at most a few hundred ahead of the receivers. */
    private void feed(Path outbox, List<byte[]> packages) throws Exception {
        for (int n = 1; n <= N && !stop; n++) {
            while (!stop && n - completePackagesQuick() > 150) Thread.sleep(5);
            String name = "edoc-" + n + ".edxml";
            Path tmp = outbox.resolve("." + name);
            Files.write(tmp, packages.get(n - 1));
            Files.move(tmp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            dropped.incrementAndGet();
            if (n % 20 == 0) Thread.sleep(2);
        }
    }

    // ---------------------------------------------------------------- the receiving systems

    /** Like a document management system: takes (moves away) every complete file that appears. */
    private void consume(Path data, Path consumed) throws Exception {
        Path agencies = data.resolve("agencies");
        List<Path[]> watched = List.of(
                new Path[] {agencies.resolve(R1).resolve("inbox"), consumed.resolve(R1 + "-inbox")},
                new Path[] {agencies.resolve(R2).resolve("inbox"), consumed.resolve(R2 + "-inbox")},
                new Path[] {agencies.resolve(SENDER).resolve("status"), consumed.resolve(SENDER + "-status")});
        for (Path[] w : watched) Files.createDirectories(w[1]);
        while (!stop) {
            boolean any = false;
            for (Path[] w : watched) any |= sweep(w[0], w[1]);
            if (any) lastActivity.set(System.nanoTime());
            else Thread.sleep(20);
        }
    }

    private boolean sweep(Path folder, Path into) throws IOException {
        if (!Files.isDirectory(folder)) return false;
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(Files::isRegularFile).toList();
        }
        boolean any = false;
        for (Path f : files) {
            String name = f.getFileName().toString();
            boolean edxml = name.endsWith(".edxml");
            if (!edxml && !name.endsWith(".receipt.json")) continue;
            Path target = moveAway(f, into);
            if (target == null) continue;
            any = true;
            if (!edxml) continue;
            takenNames.computeIfAbsent(folder.getParent().getFileName() + "/" + name, k -> new AtomicInteger()).incrementAndGet();
            String xml = Files.readString(target, StandardCharsets.UTF_8);
            String agency = folder.getParent().getFileName().toString();
            if (folder.getFileName().toString().equals("inbox")) {
                Matcher m = INBOX_DOC_ID.matcher(xml);
                if (!m.find()) throw new IllegalStateException("no DocumentId in delivered " + target);
                delivered.computeIfAbsent(agency, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
                deliveries.incrementAndGet();
            } else {
                Matcher code = STATUS_CODE.matcher(xml);
                Matcher from = STATUS_FROM.matcher(xml);
                Matcher about = STATUS_FOR.matcher(xml);
                if (!code.find() || !from.find() || !about.find()) throw new IllegalStateException("unreadable status " + target);
                if (code.group(1).equals("01")) {
                    statuses01.computeIfAbsent(about.group(1) + "|" + from.group(1), k -> new AtomicInteger()).incrementAndGet();
                } else {
                    oddStatuses.add("status " + code.group(1) + " from " + from.group(1) + " about " + about.group(1) + " (" + name + ")");
                }
                statusCount.incrementAndGet();
            }
        }
        return any;
    }

    /** Moves a file away under its own name, or name~k if a file of that name was already taken. */
    private static Path moveAway(Path f, Path into) throws IOException {
        String name = f.getFileName().toString();
        for (int k = 0; ; k++) {
            Path target = into.resolve(k == 0 ? name : name + "~" + k);
            try {
                if (Files.exists(target)) continue;
                Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (FileAlreadyExistsException e) {
                // try the next name
            } catch (NoSuchFileException e) {
                return null;
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(f, target);
                return target;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private int completePackages() {
        int complete = 0;
        for (int n = 1; n <= N; n++) {
            String doc = DOC_PREFIX + n;
            boolean all = true;
            for (String r : receiversOf(n)) {
                all &= count(delivered.getOrDefault(r, Map.of()).get(doc)) > 0 && count(statuses01.get(doc + "|" + r)) > 0;
            }
            if (all) complete++;
        }
        return complete;
    }

    private int completePackagesQuick() {
        // deliveries to R1 stand for packages handed over (every package goes to R1)
        return delivered.getOrDefault(R1, Map.of()).size();
    }

    private static int count(AtomicInteger c) {
        return c == null ? 0 : c.get();
    }

    private static int pendingIn(Path outbox) {
        try (Stream<Path> s = Files.list(outbox)) {
            return (int) s.filter(p -> p.getFileName().toString().endsWith(".edxml")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void background(String name, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                backgroundFailure.compareAndSet(null, e);
                e.printStackTrace();
            }
        }, "crash-test-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Polls until {@code done} holds or the timeout passes (the gateway may not exit meanwhile); false on timeout. */
    private boolean poll(Duration timeout, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (gateway != null && !gateway.isAlive()) fail("gateway exited:\n" + tail(currentLog()));
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    private void awaitCondition(String what, Duration timeout, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (backgroundFailure.get() != null) fail("background thread failed while waiting for " + what, backgroundFailure.get());
            if (gateway != null && !gateway.isAlive()) fail("gateway exited while waiting for " + what + ":\n" + tail(currentLog()));
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + ": dropped " + dropped.get()
                        + ", deliveries " + deliveries.get() + ", statuses " + statusCount.get() + ", delivered per receiver "
                        + new TreeMap<>(Map.of(R1, delivered.getOrDefault(R1, Map.of()).size(), R2,
                        delivered.getOrDefault(R2, Map.of()).size())) + "\n" + tail(currentLog()));
            }
            Thread.sleep(20);
        }
    }

    private Path currentLog() {
        return home.resolve("gateway-" + runs + ".log");
    }

    private Stream<String> logLines() throws IOException {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path log = home.resolve("gateway-" + i + ".log");
            if (Files.exists(log)) all.addAll(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList());
        }
        return all.stream();
    }

    private static String tail(Path log) {
        try {
            if (!Files.exists(log)) return "(no log)";
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
