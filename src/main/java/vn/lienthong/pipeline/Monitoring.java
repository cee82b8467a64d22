package vn.lienthong.pipeline;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.main.Main;
import vn.lienthong.broker.BrokerMonitor;
import vn.lienthong.broker.EmbeddedBroker;
import vn.lienthong.broker.Queues;
import vn.lienthong.config.Settings;
import vn.lienthong.observe.Events;
import vn.lienthong.observe.HealthContributor;
import vn.lienthong.observe.QueueDepths;
import vn.lienthong.observe.Readiness;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.tracking.DatabaseHealth;
import vn.lienthong.tracking.TrackingStore;

/**
 * Camel's side of monitoring: camel-main's management endpoints on the gateway's own HTTP port
 * ({@code /observe/metrics} by camel-micrometer-prometheus, {@code /observe/health},
 * {@code /observe/health/live}, {@code /observe/health/ready} by camel-health), sharing one
 * Prometheus registry with {@link vn.lienthong.observe.Events}, and one readiness check per
 * {@link HealthContributor} (broker, database, national axis) beside Camel's own checks (context,
 * routes).
 */
final class Monitoring {
    private final Settings settings;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Events events = new Events(meters);
    private final Readiness readiness;
    private final BrokerMonitor brokerMonitor;

    /**
     * The meters (with a queue depth gauge per gateway queue) and the readiness contributors: broker, database,
     * and the national axis as "not configured" until a connector registers under {@link Readiness#NATIONAL_AXIS}.
     *
     * @param broker the embedded broker, null when an external one is used
     */
    Monitoring(Settings settings, AgencyRegistry agencies, EmbeddedBroker broker, TrackingStore store, Readiness readiness) {
        this.settings = settings;
        this.readiness = readiness;
        List<String> queues = Stream.concat(Stream.of(Queues.INBOUND, Queues.DEAD, Queues.PARKED),
                agencies.all().stream().map(a -> Queues.agency(a.id()))).toList();
        Settings.Broker b = settings.broker();
        brokerMonitor = new BrokerMonitor(b.url(), b.user(), b.password(), broker).watching(queues);
        QueueDepths.register(meters, queues, brokerMonitor);
        readiness.register(brokerMonitor).register(new DatabaseHealth(store))
                .register(HealthContributor.notConfigured(Readiness.NATIONAL_AXIS));
    }

    /** After agencies were added while running: their queues get depth gauges too. */
    void watchQueuesOf(AgencyRegistry agencies) {
        List<String> queues = Stream.concat(Stream.of(Queues.INBOUND, Queues.DEAD, Queues.PARKED),
                agencies.all().stream().map(a -> Queues.agency(a.id()))).toList();
        brokerMonitor.watching(queues);
        QueueDepths.register(meters, queues, brokerMonitor);
    }

    /** How many messages wait on each queue (the same numbers the gauges show). */
    QueueDepths.Source queueDepths() {
        return brokerMonitor;
    }

    /** Where the core reports package events. */
    Events events() {
        return events;
    }

    /**
     * Camel's management endpoints on the gateway's HTTP {@code port}, Camel's meters into the same registry, and
     * one readiness check per contributor registered by now.
     */
    void configure(Main main, int port) {
        Settings.Observe observe = settings.observe();
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        boolean any = observe.metrics() || observe.health();
        // the same port as the main server: camel-main then serves these paths on it instead of opening a second one
        main.configure().httpManagementServer().withEnabled(any).withPort(port).withHost(settings.http().host())
                .withHealthCheckEnabled(observe.health()).withMetricsEnabled(observe.metrics()).withInfoEnabled(false);
        if (observe.metrics()) {
            main.configure().metrics().withEnabled(true).withEnableExchangeEventNotifier(false)
                    .withBinders("jvm-memory,jvm-gc,jvm-thread,processor,uptime,file-descriptor");
        }
        // readiness is the context, the routes, broker, database and national axis; not each consumer, so that one
        // agency's unreadable folder or an unreachable mailbox does not take the whole gateway out of service
        main.configure().health().withEnabled(observe.health()).setConsumersEnabled(false);
        for (HealthContributor c : readiness.contributors()) main.bind("lienthong-health-" + c.name(), new ReadinessCheck(readiness, c.name()));
    }

    /** A {@link HealthContributor} as a Camel readiness check ({@code lienthong/<name>}). */
    static final class ReadinessCheck extends AbstractHealthCheck {
        private final Readiness readiness;
        private final String name;

        ReadinessCheck(Readiness readiness, String name) {
            super("lienthong", name);
            this.readiness = readiness;
            this.name = name;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            HealthContributor.Health h = readiness.check(name);
            builder.detail("state", h.state().name());
            if (h.detail() != null) builder.detail("detail", h.detail());
            if (h.ready()) {
                builder.up();
            } else {
                builder.message(h.detail());
                builder.down();
            }
        }
    }
}
