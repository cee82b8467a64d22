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
        m.setHeader(Headers.TARGET, d.target());
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

    /** A message the broker gave up on: its delivery is marked dead-lettered in the store. */
    public void deadLetter(Exchange ex) {
        Message m = ex.getMessage();
        Long pkg = m.getHeader(Headers.PACKAGE, Long.class);
        String target = m.getHeader(Headers.TARGET, String.class);
        if (pkg != null && target != null) {
            delivery.deadLettered(pkg, target, "dead-lettered after repeated delivery failures (" + m.getHeader("_AMQ_ORIG_ADDRESS") + ")");
        } else {
            events.deadLettered(m.getHeader("_AMQ_ORIG_ADDRESS", String.class), null, null, null, "not a delivery (no package or agency)");
        }
    }
}
