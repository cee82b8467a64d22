package vn.lienthong.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Gauges {@code lienthong.queue.depth{queue=…}}: how many messages wait on each of the gateway's
 * durable queues ({@code lienthong.inbound}, {@code lienthong.agency.<id>}, {@code lienthong.dead},
 * {@code lienthong.parked}), read from the broker when scraped. A queue the broker cannot answer
 * for shows NaN.
 */
public final class QueueDepths {
    /** The broker's message count of a queue, empty when it cannot tell. */
    @FunctionalInterface
    public interface Source {
        OptionalLong messageCount(String queue);
    }

    private QueueDepths() { }

    public static void register(MeterRegistry meters, Collection<String> queues, Source source) {
        for (String q : queues) {
            Gauge.builder("lienthong.queue.depth", () -> {
                OptionalLong n = source.messageCount(q);
                return n.isPresent() ? n.getAsLong() : Double.NaN;
            }).description("Messages waiting on a gateway queue").tag("queue", q).strongReference(true).register(meters);
        }
    }
}
