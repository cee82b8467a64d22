package vn.lienthong.tracking;

import java.sql.Connection;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.lienthong.observe.HealthContributor;

/**
 * Readiness of the tracking database: a connection from the gateway's own pool answers a validity
 * check within {@value #TIMEOUT_SECONDS} seconds. A pool waiting for a database that is gone (it
 * waits up to 30 s for a connection) answers DOWN after that time instead of holding the probe.
 */
public final class DatabaseHealth implements HealthContributor {
    static final int TIMEOUT_SECONDS = 3;
    private final TrackingStore store;
    /** One thread at most, gone after a minute without probes. */
    private final java.util.concurrent.ThreadPoolExecutor checker = new java.util.concurrent.ThreadPoolExecutor(1, 1, 60,
            TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "lienthong-db-health");
                t.setDaemon(true);
                return t;
            });

    {
        checker.allowCoreThreadTimeOut(true);
    }

    private Future<Boolean> running;

    public DatabaseHealth(TrackingStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public synchronized Health check() {
        if (running == null || running.isDone()) {
            running = checker.submit(() -> {
                try (Connection c = store.dataSource().getConnection()) {
                    return c.isValid(TIMEOUT_SECONDS);
                }
            });
        }
        try {
            return running.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) ? Health.up("tracking store answers")
                    : Health.down("the tracking database does not answer");
        } catch (TimeoutException e) {
            return Health.down("the tracking database did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            return Health.down("the tracking database is unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down("interrupted");
        }
    }
}
