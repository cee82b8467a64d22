package vn.lienthong.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.axis.AxisClient;
import vn.lienthong.axis.AxisException;
import vn.lienthong.axis.AxisInbound;
import vn.lienthong.axis.AxisOutbound;
import vn.lienthong.axis.Backoff;
import vn.lienthong.axis.Routing;
import vn.lienthong.axis.TraceStamp;
import vn.lienthong.broker.Queues;
import vn.lienthong.config.Settings;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * The national-axis steps as routes/national-axis.yaml and routes/templates/axis-member.yaml call them
 * ({@code bean: axis, method: ...}): Camel messages in, calls of the {@code axis} core out.
 */
public final class AxisSteps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("lienthong.events");
    private static final String ITEM = "ltAxisItem";
    private final AxisOutbound outbound;
    private final AxisInbound inbound;
    private final Mailbox mailbox;
    private final TrackingStore store;
    private final String organId;
    private final Clock clock;
    private volatile boolean axisDown;

    AxisSteps(AxisOutbound outbound, AxisInbound inbound, Mailbox mailbox, TrackingStore store, String organId, Clock clock) {
        this.outbound = outbound;
        this.inbound = inbound;
        this.mailbox = mailbox;
        this.store = store;
        this.organId = organId;
        this.clock = clock;
    }

    /** Assembles the connector from gateway.yaml {@code axis:} (without an endpoint: only the member steps work). */
    static AxisSteps create(Settings settings, TrackingStore store, Routing routing, Intake intake, Mailbox mailbox, Path work, Clock clock) {
        Settings.Axis a = settings.axis();
        String organId = settings.gateway().organId();
        if (!a.enabled()) return new AxisSteps(null, null, mailbox, store, organId, clock);
        AxisClient client = AxisClient.of(a, clock);
        return new AxisSteps(new AxisOutbound(client, store, routing, organId, Backoff.of(a), a.maxAttempts(), clock),
                new AxisInbound(client, intake, store, organId, work, clock), mailbox, store, organId, clock);
    }

    /** Outbound queue → sendEdoc, retried; after the limit the message is marked to go to the dead-letter address. */
    public void send(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        if (outbound == null) throw new IllegalStateException("no national axis configured (gateway.yaml axis.endpoint)");
        String path = m.getHeader(Headers.PATH, String.class);
        AxisOutbound.Parcel p = new AxisOutbound.Parcel(m.getHeader(Headers.RECEIVER, String.class), m.getHeader(Headers.KIND, String.class),
                m.getHeader(Headers.PACKAGE, Long.class), path == null ? null : Path.of(path), path == null ? m.getBody(byte[].class) : null,
                m.getHeader(Headers.DISPATCH_ID, String.class));
        try {
            outbound.send(p);
            m.setHeader(Headers.GIVE_UP, false);
        } catch (AxisOutbound.GiveUp e) {
            giveUp(m, Queues.agency(Routing.NATIONAL_AXIS), "national axis: " + e.getMessage());
        } catch (AxisOutbound.Stopping e) {
            // the gateway is stopping during an outage: the package stays on the durable queue (rolled back)
            LOG.info("stopping: package {} for {} stays on the national-axis queue", p.packageId(), p.receiver());
            ex.setRollbackOnly(true);
        }
    }

    static void giveUp(Message m, String queue, String error) {
        m.setHeader(Headers.GIVE_UP, true);
        m.setHeader(Headers.LAST_ERROR, error);
        m.setHeader(Headers.ORIGINAL_QUEUE, queue);
        m.removeHeader(Headers.DUPLICATE_ID);
    }

    /** Timer: what the national axis holds for the province (empty while it is unreachable; logged once). */
    public List<AxisClient.Received> poll() {
        if (inbound == null) return List.of();
        try {
            List<AxisClient.Received> items = inbound.waiting();
            if (axisDown) LOG.info("national axis reachable again");
            axisDown = false;
            return items;
        } catch (AxisException e) {
            if (!axisDown) LOG.warn("national axis poll failed (retried every poll): {}", e.getMessage());
            axisDown = true;
            return List.of();
        }
    }

    /**
     * One waiting item → its Inbound JSON for the inbound queue (duplicate id from its intake key). An item
     * that cannot be fetched now is skipped (header {@code ltSkip}): not acknowledged, so it is tried again
     * at the next poll.
     */
    public void fetch(Exchange ex) throws Exception {
        Message m = ex.getMessage();
        AxisClient.Received item = m.getBody(AxisClient.Received.class);
        Inbound in;
        try {
            in = inbound.fetch(item);
        } catch (AxisException | IOException e) {
            LOG.warn("national axis item {} {} not fetched now (tried again at the next poll): {}", item.messageType(), item.docId(),
                    e.getMessage());
            m.setHeader(Headers.SKIP, true);
            return;
        }
        ex.setProperty(ITEM, item);
        m.removeHeaders("*");
        m.setHeader(Headers.SKIP, false);
        m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
        m.setBody(in.toJson());
    }

    /** The inbound queue has it: updateStatus done. */
    public void acknowledge(Exchange ex) throws AxisException {
        inbound.acknowledge(ex.getProperty(ITEM, AxisClient.Received.class));
    }

    /**
     * National role: a package for a receiver of a member's province goes into the member gateway's mailbox
     * (fetched by the member over /vdxp), once per package and member, with this gateway's TraceHeader; the
     * receiver's delivery is FORWARDED (its 01 comes from the member's side).
     */
    public void toMember(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        String member = m.getHeader(Headers.AGENCY, String.class);
        long pkg = m.getHeader(Headers.PACKAGE, Long.class);
        String path = m.getHeader(Headers.PATH, String.class);
        byte[] raw = path != null ? Files.readAllBytes(Path.of(path)) : m.getBody(byte[].class);
        byte[] stamped = TraceStamp.stamp(raw, organId, AxisOutbound.traceTime(store, clock, pkg));
        mailbox.put(member, m.getHeader(Headers.KIND, String.class), pkg, m.getHeader(Headers.FILE_NAME, String.class), null, stamped, null);
        AxisOutbound.markForwarded(store, clock, pkg, m.getHeader(Headers.RECEIVER, m.getHeader(Headers.AGENCY, String.class), String.class));
    }

    /** A dead letter replayed by IT staff: its attempts start again. */
    public void reset(long packageId) {
        if (outbound != null) outbound.reset(packageId);
    }

    @Override
    public void close() {
        if (outbound != null) outbound.close();
    }
}
