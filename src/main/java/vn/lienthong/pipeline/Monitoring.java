package vn.lienthong.pipeline;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.main.Main;
import vn.lienthong.config.Settings;
import vn.lienthong.observe.HealthContributor;
import vn.lienthong.observe.Readiness;

/**
 * Camel's side of monitoring: camel-main's management endpoints on the gateway's own HTTP port
 * ({@code /observe/metrics} by camel-micrometer-prometheus, {@code /observe/health},
 * {@code /observe/health/live}, {@code /observe/health/ready} by camel-health), sharing one
 * Prometheus registry with {@link vn.lienthong.observe.Events}, and one readiness check per
 * {@link HealthContributor} (broker, database, national axis) beside Camel's own checks (context,
 * routes).
 */
final class Monitoring {
    private Monitoring() { }

    /** @param registry the registry the gateway's own meters go to; Camel's route meters join it */
    static void configure(Main main, Settings.Observe observe, Settings.Http http, int port, PrometheusMeterRegistry registry,
                          Readiness readiness) {
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        boolean any = observe.metrics() || observe.health();
        // the same port as the main server: camel-main then serves these paths on it instead of opening a second one
        main.configure().httpManagementServer().withEnabled(any).withPort(port).withHost(http.host())
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
