package vn.lienthong.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one place the core reports what happens to a package: received (intake), recorded (with its
 * outcome: accepted, duplicate or refused with a reason code), delivered into an agency's hands,
 * status relayed, dead-lettered, and every signer certificate checked. Each event increments the
 * Micrometer meters served at {@code /observe/metrics} and writes one line on the
 * {@value #LOGGER} logger (Operations, R16/R23 monitoring) with the document id, the agencies
 * (from/to), the adapter and the outcome; the same fields go into the log context (MDC) so that the
 * JSON log format shows them as fields.
 *
 * <p>Meter names (Prometheus names in brackets) are listed in README, "Monitoring". Camel-free.
 */
public final class Events {
    public static final String LOGGER = "lienthong.events";
    /** No meters, no log lines: for cores built outside a running gateway (tests, command-line tools). */
    public static final Events NONE = new Events(null);

    static final Duration[] STEP_BUCKETS = {ms(5), ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500),
            ms(5000), ms(10_000), ms(30_000)};
    static final Duration[] DELIVERY_BUCKETS = {ms(10), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(5000), ms(30_000),
            ms(60_000), ms(300_000), ms(900_000), ms(3_600_000)};

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private final MeterRegistry meters;

    public Events(MeterRegistry meters) {
        this.meters = meters;
    }

    public MeterRegistry meters() {
        return meters;
    }

    /**
     * A package handed in by an adapter went through intake (read, checked, archived).
     *
     * @param kind       DOCUMENT, STATUS or UNREADABLE
     * @param reasonCode the first refusal reason, null when intake accepted it
     */
    public void received(String adapter, String agency, String kind, String documentId, List<String> to, String reasonCode,
                         long nanos) {
        if (meters == null) return;
        String outcome = reasonCode == null ? "accepted" : "refused";
        Counter.builder("lienthong.packages.in").description("Packages handed in, per sending agency, adapter, kind and intake outcome")
                .tags("agency", tag(agency), "adapter", tag(adapter), "kind", lower(tag(kind)), "outcome", outcome)
                .register(meters).increment();
        timer("lienthong.intake", "Intake time: read, checks, signatures, archive", STEP_BUCKETS, "adapter", tag(adapter),
                "outcome", outcome).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        log("received", "document", documentId, "from", agency, "to", to == null || to.isEmpty() ? null : String.join(",", to),
                "adapter", adapter, "kind", lower(kind), "outcome", outcome, "reason", reasonCode, "ms", millis(nanos));
    }

    /**
     * A package was recorded in the tracking store for the first time (a replay is not an event).
     *
     * @param outcome ACCEPTED, DUPLICATE or REFUSED (at intake or here: conflicting duplicate, status out of order ...)
     */
    public void recorded(String adapter, String from, String kind, String documentId, String outcome, String reasonCode) {
        if (meters == null) return;
        String o = lower(tag(outcome));
        Counter.builder("lienthong.packages.recorded").description("Packages recorded, per outcome")
                .tags("kind", lower(tag(kind)), "outcome", o).register(meters).increment();
        if (reasonCode != null && "refused".equals(o)) {
            Counter.builder("lienthong.refusals").description("Refused packages (02 sent back), per reason code and sending agency")
                    .tags("reason", reasonCode, "agency", tag(from), "adapter", tag(adapter)).register(meters).increment();
        }
        log("recorded", "document", documentId, "from", from, "adapter", adapter, "kind", lower(kind), "outcome", o,
                "reason", "refused".equals(o) ? reasonCode : null);
    }

    /** Time the record step took (store transaction and routing decision), measured by the pipeline. */
    public void recordTime(long nanos) {
        if (meters == null) return;
        timer("lienthong.record", "Record and route time: one tracking-store transaction", STEP_BUCKETS)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A document (new, recall, update, replacement) is in the receiving agency's hands.
     *
     * @param sinceQueued from the moment it was recorded and queued to the hand-over (null when unknown)
     */
    public void delivered(String adapter, String from, String to, String documentId, Duration sinceQueued) {
        out("delivered", "document", adapter, from, to, documentId, null, sinceQueued);
    }

    /** A status packet (01, 02, 03 … 16) is in the hands of the agency it is meant for. */
    public void statusRelayed(String adapter, String from, String to, String documentId, String statusCode, Duration sinceQueued) {
        out("status-relayed", "status", adapter, from, to, documentId, statusCode, sinceQueued);
    }

    private void out(String event, String kind, String adapter, String from, String to, String documentId, String status,
                     Duration sinceQueued) {
        if (meters == null) return;
        Counter.builder("lienthong.packages.out").description("Packages put into an agency's hands, per receiving agency, adapter and kind")
                .tags("agency", tag(to), "adapter", tag(adapter), "kind", kind).register(meters).increment();
        if (sinceQueued != null) {
            timer("lienthong.delivery", "From recorded and queued to in the agency's hands", DELIVERY_BUCKETS, "adapter", tag(adapter),
                    "kind", kind).record(sinceQueued);
        }
        log(event, "document", documentId, "from", from, "to", to, "adapter", adapter, "kind", kind, "status", status,
                "outcome", "ok", "ms", sinceQueued == null ? null : millis(sinceQueued.toNanos()));
    }

    /** A message the broker gave up on after its retries, parked for IT staff. */
    public void deadLettered(String queue, String from, String to, String documentId, String reason) {
        if (meters == null) return;
        Counter.builder("lienthong.dead.letters").description("Messages dead-lettered after every retry failed, per agency")
                .tags("agency", tag(to), "queue", tag(queue)).register(meters).increment();
        log("dead-lettered", "document", documentId, "from", from, "to", to, "queue", queue, "outcome", "dead-letter", "detail", reason);
    }

    /**
     * A signer certificate was checked (path, validity, revocation by OCSP/CRL).
     *
     * @param outcome {@code good}, {@code revoked}, {@code unknown} (revocation status could not be learnt) or
     *                {@code error} (expired, untrusted, wrong key usage …)
     */
    public void certificateChecked(String outcome, String subject) {
        if (meters == null) return;
        Counter.builder("lienthong.certificate.checks").description("Signer certificates checked, per outcome")
                .tags("outcome", tag(outcome)).register(meters).increment();
        if (!"good".equals(outcome)) log("certificate-checked", "certificate", subject, "outcome", outcome);
    }

    // ------------------------------------------------------------------ helpers

    private Timer timer(String name, String description, Duration[] buckets, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                .minimumExpectedValue(buckets[0]).maximumExpectedValue(buckets[buckets.length - 1]).register(meters);
    }

    /**
     * One line: {@code <event> document=… from=… to=… adapter=… outcome=… [reason=…]} (fields without a value left
     * out), the same fields in the MDC for the JSON format.
     *
     * @param fields name, value, name, value …
     */
    private static void log(String event, String... fields) {
        if (!LOG.isInfoEnabled()) return;
        StringBuilder line = new StringBuilder(event);
        MDC.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] == null) continue;
            MDC.put(fields[i], fields[i + 1]);
            line.append(' ').append(fields[i]).append('=').append(fields[i + 1]);
        }
        try {
            LOG.info(line.toString());
        } finally {
            MDC.remove("event");
            for (int i = 0; i < fields.length; i += 2) MDC.remove(fields[i]);
        }
    }

    private static String lower(String v) {
        return v == null ? null : v.toLowerCase(java.util.Locale.ROOT);
    }

    private static String millis(long nanos) {
        return Long.toString(nanos / 1_000_000);
    }

    private static String tag(String v) {
        return v == null || v.isBlank() ? "unknown" : v;
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }
}
