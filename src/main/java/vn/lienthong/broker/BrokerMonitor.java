package vn.lienthong.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import vn.lienthong.observe.HealthContributor;
import vn.lienthong.observe.QueueDepths;

/**
 * The broker as monitoring sees it: a readiness check (a JMS connection can be opened, and the
 * embedded broker is active) and the number of messages waiting on each queue. For the embedded
 * broker the counts are read from the server; for an external Artemis they are asked of its
 * management address ({@code activemq.management}, needs the {@code manage} permission), at most
 * every 5 seconds.
 */
public final class BrokerMonitor implements HealthContributor, QueueDepths.Source {
    private static final long EXTERNAL_REFRESH_MS = 5_000;
    private final ActiveMQConnectionFactory probe;
    private final EmbeddedBroker embedded;
    private final Map<String, Long> external = new ConcurrentHashMap<>();
    private volatile long externalAt;
    private volatile Collection<String> watched = java.util.List.of();

    /** @param embedded the embedded broker, or null for an external one */
    public BrokerMonitor(String url, String user, String password, EmbeddedBroker embedded) {
        this.embedded = embedded;
        this.probe = new ActiveMQConnectionFactory(url, user, password);
        probe.setInitialConnectAttempts(1);
        probe.setReconnectAttempts(0);
        probe.setCallTimeout(2_000);
        probe.setCallFailoverTimeout(2_000);
        probe.setConnectionTTL(10_000);
    }

    /** The queues whose depth is asked of an external broker. */
    public BrokerMonitor watching(Collection<String> queues) {
        this.watched = java.util.List.copyOf(queues);
        return this;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public Health check() {
        if (embedded != null && !embedded.active()) return Health.down("the embedded broker is not active");
        try (Connection c = probe.createConnection()) {
            c.start();
            return Health.up(embedded != null ? "embedded Artemis" : "connected");
        } catch (JMSException | RuntimeException e) {
            return Health.down("cannot connect to the broker: " + e.getMessage());
        }
    }

    @Override
    public OptionalLong messageCount(String queue) {
        if (embedded != null) return embedded.messageCount(queue);
        if (System.currentTimeMillis() - externalAt > EXTERNAL_REFRESH_MS) refreshExternal();
        Long n = external.get(queue);
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    private synchronized void refreshExternal() {
        if (System.currentTimeMillis() - externalAt <= EXTERNAL_REFRESH_MS) return;
        externalAt = System.currentTimeMillis();
        external.clear();
        try (QueueConnection c = probe.createQueueConnection()) {
            QueueSession s = c.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue management = s.createQueue("activemq.management");
            jakarta.jms.TemporaryQueue replies = s.createTemporaryQueue();
            jakarta.jms.MessageProducer requests = s.createProducer(management);
            jakarta.jms.MessageConsumer answers = s.createConsumer(replies);
            c.start();
            for (String q : watched) {
                Message m = s.createMessage();
                m.setJMSReplyTo(replies);
                JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + q, "messageCount");
                requests.send(m);
                Message reply = answers.receive(2_000);
                if (reply == null) break;
                if (JMSManagementHelper.hasOperationSucceeded(reply)) {
                    Object result = JMSManagementHelper.getResult(reply);
                    if (result instanceof Number n) external.put(q, n.longValue());
                }
            }
        } catch (Exception e) {
            // counts unknown until the next refresh: the gauges show NaN
        }
    }
}
