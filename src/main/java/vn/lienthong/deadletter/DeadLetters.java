package vn.lienthong.deadletter;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lienthong.broker.Queues;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * Dead letters for IT staff (R18): the messages parked on {@value Queues#PARKED} after their retry
 * limit, listed with what they were and why they failed, shown in full, replayed onto the queue they
 * came from (their delivery QUEUED again, their retry count reset) or discarded. Every action is
 * audited with the operator's name. Works on the running gateway's broker (over the admin API).
 */
public final class DeadLetters {
    private static final String ADAPTER = "admin";
    private final ConnectionFactory jms;
    private final TrackingStore store;
    private final Audit audit;
    private final Clock clock;

    public DeadLetters(ConnectionFactory jms, TrackingStore store, Audit audit, Clock clock) {
        this.jms = jms;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** One dead letter as IT staff see it. */
    public record Entry(String id, String queue, String receiver, String kind, Long packageId, String documentId, String sender,
                        String fileName, String lastError, String parkedAt, int priority) { }

    /** A dead letter in full: the entry, every message property, and the tracking store's rows about it. */
    public record Details(Entry entry, Map<String, Object> properties, int bodyBytes, List<Map<String, Object>> deliveries,
                          List<Map<String, Object>> attempts) { }

    /** What an action did. */
    public record Outcome(String action, List<String> ids, String detail) { }

    public List<Entry> list(String operator, String remote) {
        List<Entry> out = browse(null);
        audit.record(null, ADAPTER, "dlq-list", null, "ALLOWED", remote, operator + ": " + out.size() + " dead letters");
        return out;
    }

    public Optional<Details> show(String operator, String id, String remote) {
        List<Message> found = new ArrayList<>();
        List<Entry> entries = browse(selector(id), found);
        audit.record(null, ADAPTER, "dlq-show", id, entries.isEmpty() ? "DENIED" : "ALLOWED", remote, operator);
        if (entries.isEmpty()) return Optional.empty();
        try {
            Message m = found.get(0);
            Map<String, Object> props = new LinkedHashMap<>();
            for (Object n : Collections.list(m.getPropertyNames())) props.put((String) n, m.getObjectProperty((String) n));
            Entry e = entries.get(0);
            List<Map<String, Object>> deliveries = e.packageId() == null ? List.of() : store.inTransaction(c -> Jdbc.list(c,
                    "SELECT agency_id, state, queued_at, delivered_at, reason_text FROM delivery WHERE package_ref = ? ORDER BY id",
                    rs -> row("receiver", rs.getString(1), "state", rs.getString(2), "queuedAt", iso(rs.getObject(3, java.time.OffsetDateTime.class)),
                            "deliveredAt", iso(rs.getObject(4, java.time.OffsetDateTime.class)), "reason", rs.getString(5)), e.packageId()));
            List<Map<String, Object>> attempts = e.packageId() == null ? List.of() : store.inTransaction(c -> Jdbc.list(c,
                    "SELECT send_key, attempts, last_attempt_at, last_error FROM axis_outbound WHERE package_ref = ? ORDER BY send_key",
                    rs -> row("sendKey", rs.getString(1), "attempts", rs.getInt(2), "lastAttemptAt",
                            iso(rs.getObject(3, java.time.OffsetDateTime.class)), "lastError", rs.getString(4)), e.packageId()));
            return Optional.of(new Details(e, props, body(m).length, deliveries, attempts));
        } catch (JMSException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Puts one dead letter ({@code id}), or all of them ({@code id == null}), back on the queue it came from. */
    public Outcome replay(String operator, String id, String remote) {
        List<String> done = new ArrayList<>();
        String failure = null;
        try (Connection c = jms.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            // all: only what was parked before now, so that a letter failing again at once (parked anew) is not
            // replayed in an endless loop, each round telling its sender again
            MessageConsumer consumer = s.createConsumer(s.createQueue(Queues.PARKED),
                    id == null ? "JMSTimestamp <= " + System.currentTimeMillis() : selector(id));
            Message m;
            while ((m = consumer.receive(id == null ? 500 : 2000)) != null) {
                String mid = shortId(m.getJMSMessageID());
                String queue = m.getStringProperty("ltOrigQueue");
                if (queue == null) {
                    failure = mid + ": the queue it came from is unknown";
                    s.rollback();
                    break;
                }
                Message copy = copy(s, m, mid);
                MessageProducer p = s.createProducer(s.createQueue(queue));
                p.send(copy, DeliveryMode.PERSISTENT, m.getJMSPriority(), 0);
                p.close();
                requeued(m, operator);
                s.commit();
                done.add(mid);
                audit.record(null, ADAPTER, "dlq-replay", mid, "ALLOWED", remote, operator + ": back on " + queue);
                if (id != null) break;
            }
        } catch (JMSException e) {
            failure = e.toString();
        }
        if (id != null && done.isEmpty() && failure == null) failure = "no dead letter " + id;
        if (failure != null) audit.record(null, ADAPTER, "dlq-replay", id == null ? "all" : id, "FAILED", remote, operator + ": " + failure);
        return new Outcome("replay", done, failure);
    }

    /** Removes a dead letter for good; the store keeps its delivery as DEAD_LETTER with who discarded it. */
    public Outcome discard(String operator, String id, String remote) {
        try (Connection c = jms.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Message m = s.createConsumer(s.createQueue(Queues.PARKED), selector(id)).receive(2000);
            if (m == null) {
                audit.record(null, ADAPTER, "dlq-discard", id, "FAILED", remote, operator + ": no such dead letter");
                return new Outcome("discard", List.of(), "no dead letter " + id);
            }
            Long pkg = m.propertyExists("ltPackage") ? m.getLongProperty("ltPackage") : null;
            String receiver = receiver(m);
            String lastError = m.getStringProperty("ltLastError");
            if (pkg != null && receiver != null) {
                store.inTransaction(x -> Jdbc.update(x, "UPDATE delivery SET reason_text = ? WHERE package_ref = ? AND agency_id = ?"
                        + " AND state = 'DEAD_LETTER'", Jdbc.clip(lastError + " — discarded by " + operator + " at "
                        + VietnamTime.iso(VietnamTime.now(clock)), 4000), pkg, receiver));
            }
            s.commit();
            audit.record(null, ADAPTER, "dlq-discard", id, "ALLOWED", remote, operator + ": package " + pkg + " for " + receiver);
            return new Outcome("discard", List.of(id), null);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<Entry> browse(String selector) {
        return browse(selector, new ArrayList<>());
    }

    private List<Entry> browse(String selector, List<Message> messages) {
        List<Entry> out = new ArrayList<>();
        try (Connection c = jms.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser b = s.createBrowser(s.createQueue(Queues.PARKED), selector);
            for (Object o : Collections.list(b.getEnumeration())) {
                Message m = (Message) o;
                messages.add(m);
                Long pkg = m.propertyExists("ltPackage") ? m.getLongProperty("ltPackage") : null;
                String[] doc = pkg == null ? new String[2] : store.inTransaction(x -> Jdbc.one(x,
                        "SELECT document_id, sender_id FROM package WHERE id = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, pkg)
                        .orElse(new String[2]));
                out.add(new Entry(shortId(m.getJMSMessageID()), m.getStringProperty("ltOrigQueue"), receiver(m), m.getStringProperty("ltKind"),
                        pkg, doc[0], doc[1], m.getStringProperty("ltFileName"), m.getStringProperty("ltLastError"),
                        VietnamTime.iso(Instant.ofEpochMilli(m.getJMSTimestamp())), m.getJMSPriority()));
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Back on its queue: a copy with a fresh duplicate id (the original's is remembered by the broker). */
    private static Message copy(Session s, Message m, String mid) throws JMSException {
        Message copy;
        if (m instanceof TextMessage t) {
            copy = s.createTextMessage(t.getText());
        } else {
            BytesMessage b = s.createBytesMessage();
            b.writeBytes(body(m));
            copy = b;
        }
        for (Object o : Collections.list(m.getPropertyNames())) {
            String n = (String) o;
            if (n.startsWith("_AMQ") || n.startsWith("JMSX") || n.equals("ltLastError") || n.equals("ltGiveUp") || n.equals("ltOrigQueue")
                    || n.startsWith("__AMQ")) continue;
            copy.setObjectProperty(n, m.getObjectProperty(n));
        }
        copy.setStringProperty("_AMQ_DUPL_ID", "replay:" + mid + ":" + System.nanoTime());
        return copy;
    }

    /** The store follows: the delivery is QUEUED again, the connector's attempts start again. */
    private void requeued(Message m, String operator) throws JMSException {
        Long pkg = m.propertyExists("ltPackage") ? m.getLongProperty("ltPackage") : null;
        String receiver = receiver(m);
        if (pkg == null || receiver == null) return;
        store.inTransaction(c -> {
            Jdbc.update(c, "UPDATE delivery SET state = 'QUEUED', reason_text = ? WHERE package_ref = ? AND agency_id = ? AND state = 'DEAD_LETTER'",
                    "replayed by " + operator, pkg, receiver);
            return Jdbc.update(c, "UPDATE axis_outbound SET attempts = 0 WHERE package_ref = ? AND sent_at IS NULL", pkg);
        });
    }

    private static String receiver(Message m) throws JMSException {
        String r = m.getStringProperty("ltReceiver");
        return r != null ? r : m.getStringProperty("ltTarget");
    }

    private static byte[] body(Message m) throws JMSException {
        if (m instanceof BytesMessage b) {
            b.reset();
            byte[] out = new byte[(int) b.getBodyLength()];
            b.readBytes(out);
            return out;
        }
        if (m instanceof TextMessage t) return t.getText() == null ? new byte[0] : t.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new byte[0];
    }

    static String shortId(String jmsId) {
        return jmsId == null ? null : jmsId.startsWith("ID:") ? jmsId.substring(3) : jmsId;
    }

    /** A JMS selector for one id; ids are UUIDs: anything else is refused (no selector injection). */
    static String selector(String id) {
        if (id == null || !id.matches("[0-9A-Za-z-]{1,64}")) throw new IllegalArgumentException("not a dead-letter id: " + id);
        return "JMSMessageID = 'ID:" + id + "'";
    }

    private static String iso(java.time.OffsetDateTime t) {
        return t == null ? null : VietnamTime.iso(t);
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
