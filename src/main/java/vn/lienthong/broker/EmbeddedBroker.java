package vn.lienthong.broker;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import vn.lienthong.config.Settings;

/**
 * The embedded ActiveMQ Artemis broker: persistent journal under {@code <data>/broker}, in-VM
 * acceptor {@code broker.url} ({@code vm://0} by default). Every address retries a failed delivery with backoff and then parks it
 * on {@link Queues#DEAD}; duplicate ids are remembered (and persisted) so a step replayed after a
 * crash cannot enqueue the same message twice.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    public EmbeddedBroker(Path dir, Settings.Broker s) {
        Configuration cfg = new ConfigurationImpl()
                .setName("lienthong")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.toString())
                .setMaxDiskUsage(-1)
                .setIDCacheSize(200_000)
                .setPersistIDCache(true)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(5000);
        try {
            // the in-VM acceptor is broker.url (vm://0 by default): several gateways in one JVM each use their own
            cfg.addAcceptorConfiguration("in-vm", s.url() != null && s.url().startsWith("vm://") ? s.url() : "vm://0");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        AddressSettings all = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD))
                .setExpiryAddress(SimpleString.of(Queues.DEAD))
                .setRedeliveryDelay(s.redeliveryDelayMs())
                .setRedeliveryMultiplier(s.redeliveryMultiplier())
                .setMaxRedeliveryDelay(s.maxRedeliveryDelayMs())
                .setMaxDeliveryAttempts(s.maxDeliveryAttempts())
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
        cfg.addAddressSetting("#", all);
        // the national axis connector counts its own attempts (axis.max-attempts) and dead-letters with the last
        // error; the broker must not give up on a package just because the gateway was restarted during an outage
        AddressSettings axis = new AddressSettings();
        axis.merge(all);
        cfg.addAddressSetting(Queues.agency("national-axis"), axis.setMaxDeliveryAttempts(-1));
        for (String q : new String[] {Queues.DEAD, Queues.PARKED, Queues.INBOUND}) {
            cfg.addQueueConfiguration(QueueConfiguration.of(q).setAddress(q).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        server.setConfiguration(cfg);
    }

    public void start() throws Exception {
        server.start();
    }

    /** Whether the server is up and serving (for the readiness check). */
    public boolean active() {
        var s = server.getActiveMQServer();
        return s != null && s.isActive();
    }

    /** Messages on a queue of this broker (waiting and being delivered), empty if there is no such queue (yet). */
    public java.util.OptionalLong messageCount(String queue) {
        var s = server.getActiveMQServer();
        var q = s == null ? null : s.locateQueue(SimpleString.of(queue));
        return q == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(q.getMessageCount());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
