package vn.lienthong.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.flow.Delivery;
import vn.lienthong.flow.Dispatch;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Recorder;

/**
 * The pipeline's steps as the route files call them ({@code bean: pipeline, method: ...}): each
 * turns Camel messages into calls of the core ({@link Recorder}, {@link Delivery}) and back.
 */
public final class PipelineSteps {
    /** Exchange property: how the agency of this route receives (file, mailbox; mail when not set). */
    private static final String DELIVERED_VIA = "ltDeliveredVia";
    private final Recorder recorder;
    private final Delivery delivery;

    private final vn.lienthong.flow.Mailbox mailbox;
    private vn.lienthong.observe.Events events = vn.lienthong.observe.Events.NONE;
    private vn.lienthong.axis.Routing routing;

    /** Packages for receivers outside the province go on the national axis's (or a member's) queue (R23). */
    public PipelineSteps routedBy(vn.lienthong.axis.Routing routing) {
        this.routing = routing;
        return this;
    }

    public PipelineSteps(Recorder recorder, Delivery delivery, vn.lienthong.flow.Mailbox mailbox) {
        this.recorder = recorder;
        this.delivery = delivery;
        this.mailbox = mailbox;
    }

    /** Where the record step's duration and dead letters are reported. */
    public PipelineSteps observedBy(vn.lienthong.observe.Events events) {
        this.events = events;
        return this;
    }

    /** Into the pull mailbox of an agency that fetches over HTTP: the package (with its receipt) or the status, once. */
    public void toMailbox(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        String agency = m.getHeader(Headers.AGENCY, String.class);
        long pkg = m.getHeader(Headers.PACKAGE, Long.class);
        String kind = m.getHeader(Headers.KIND, String.class);
        String path = m.getHeader(Headers.PATH, String.class);
        ex.setProperty(DELIVERED_VIA, "mailbox");
        String receipt = null;
        if ("DOCUMENT".equals(kind)) {
            Delivery.Ticket t = delivery.prepare(pkg, agency);
            if (t.receipt() != null) receipt = new String(t.receipt(), java.nio.charset.StandardCharsets.UTF_8);
        }
        mailbox.put(agency, kind, pkg, m.getHeader(Headers.FILE_NAME, String.class), path == null ? null : Path.of(path),
                path == null ? m.getBody(byte[].class) : null, receipt);
    }

    /** Inbound JSON → tracking store → the list of dispatches (body). */
    public void record(Exchange ex) throws Exception {
        Inbound in = Inbound.fromJson(ex.getMessage().getBody(byte[].class));
        long t0 = System.nanoTime();
        List<Dispatch> out = recorder.record(in);
        events.recordTime(System.nanoTime() - t0);
        ex.getMessage().setBody(out);
    }

    /** One {@link Dispatch} → the message for its agency queue. */
    public void toAgencyMessage(Exchange ex) {
        Message m = ex.getMessage();
        Dispatch d = m.getBody(Dispatch.class);
        m.removeHeaders("*");
        // the queue owner: the receiver itself, or the national axis / member gateway that reaches it
        m.setHeader(Headers.TARGET, routing == null ? d.target() : routing.queueOwner(d.target()).orElse(d.target()));
        m.setHeader(Headers.RECEIVER, d.target());
        m.setHeader(Headers.DISPATCH_ID, d.dupId());
        m.setHeader(Headers.KIND, d.kind().name());
        m.setHeader(Headers.PACKAGE, d.packageId());
        m.setHeader(Headers.FILE_NAME, d.fileName());
        m.setHeader(Headers.DUPLICATE_ID, d.dupId());
        m.setHeader(Headers.PRIORITY, d.priority());
        if (d.storedPath() != null) m.setHeader(Headers.PATH, d.storedPath());
        m.setBody(d.body() == null ? new byte[0] : d.body());
    }

    /** Before writing into an agency's hands: skip if already there, else the receipt becomes the body. */
    public void prepareDelivery(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        String agency = m.getHeader(Headers.AGENCY, String.class);
        ex.setProperty(DELIVERED_VIA, "file");
        Delivery.Ticket t = delivery.prepare(m.getHeader(Headers.PACKAGE, Long.class), agency);
        boolean skip = t.alreadyDelivered() || delivery.handedOver(agency, m.getHeader(Headers.FILE_NAME, String.class));
        m.setHeader(Headers.SKIP, skip);
        if (!skip) m.setBody(t.receipt());
    }

    /** Before writing a status packet into an agency's status folder: skip if it was already handed over. */
    public void prepareStatus(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        ex.setProperty(DELIVERED_VIA, "file");
        m.setHeader(Headers.SKIP, delivery.handedOver(m.getHeader(Headers.AGENCY, String.class), m.getHeader(Headers.FILE_NAME, String.class)));
    }

    /** The hidden copy (".name") just written is complete: recorded, then renamed to its visible name. */
    public void publish(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        delivery.publish(m.getHeader(Headers.AGENCY, String.class), m.getHeader(Headers.FILE_NAME, String.class),
                Path.of(m.getHeader(Exchange.FILE_NAME_PRODUCED, String.class)));
    }

    /** The kept package file becomes the body, to be copied (streamed) into the inbox. */
    public void packageFile(Exchange ex) {
        ex.getMessage().setBody(new File(ex.getMessage().getHeader(Headers.PATH, String.class)));
    }

    /** A status to hand over: generated bytes, or the kept file of a relayed status packet. */
    public void statusBody(Exchange ex) {
        String path = ex.getMessage().getHeader(Headers.PATH, String.class);
        if (path != null) ex.getMessage().setBody(new File(path));
    }

    /** After the write: record the delivery; the body becomes the 01 status to send back (or nothing). */
    public void delivered(Exchange ex) {
        Message m = ex.getMessage();
        List<Dispatch> out = delivery.delivered(m.getHeader(Headers.PACKAGE, Long.class), m.getHeader(Headers.AGENCY, String.class),
                m.getHeader(Headers.KIND, String.class), ex.getProperty(DELIVERED_VIA, "mail", String.class)).map(List::of).orElse(List.of());
        m.setBody(out);
    }

    /**
     * A message the broker (or a step, after its retry limit) gave up on: its delivery is marked
     * dead-lettered in the store with the last error; for a document, the body becomes the notice to its
     * sender (02 with E900), sent after the message is parked.
     */
    public void deadLetter(Exchange ex) {
        Message m = ex.getMessage();
        Long pkg = m.getHeader(Headers.PACKAGE, Long.class);
        String receiver = m.getHeader(Headers.RECEIVER, m.getHeader(Headers.TARGET, String.class), String.class);
        String origin = m.getHeader(Headers.ORIGINAL_QUEUE, String.class);
        if (origin == null && m.getHeader("_AMQ_ORIG_ADDRESS") != null) origin = m.getHeader("_AMQ_ORIG_ADDRESS").toString();
        if (origin != null) m.setHeader(Headers.ORIGINAL_QUEUE, origin);
        m.removeHeader(Headers.DUPLICATE_ID); // parked again after a replay: never dropped as a duplicate
        String error = m.getHeader(Headers.LAST_ERROR, String.class);
        List<Dispatch> notices = List.of();
        if (pkg != null && receiver != null) {
            String reason = error != null ? error : "dead-lettered after repeated delivery failures (" + origin + ")";
            m.setHeader(Headers.LAST_ERROR, reason);
            notices = delivery.deadLettered(pkg, receiver, m.getHeader(Headers.KIND, String.class), reason).map(List::of).orElse(List.of());
        } else {
            events.deadLettered(origin, null, null, null, "not a delivery (no package or agency)");
        }
        ex.setProperty("ltNotices", notices);
    }

    /** After parking: the notices to the senders (02, E900) become the body, to be split onto their queues. */
    public void deadLetterNotices(Exchange ex) {
        Object n = ex.getProperty("ltNotices");
        ex.getMessage().removeHeaders("*");
        ex.getMessage().setBody(n == null ? List.of() : n);
    }
}
