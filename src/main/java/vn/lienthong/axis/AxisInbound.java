package vn.lienthong.axis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * What the national axis holds for this province (R23): documents and statuses, polled with
 * getReceivedEdocList, fetched with getEdoc, stamped with this gateway's TraceHeader and taken in
 * like any package (intake checks, then the inbound queue); the axis is told with updateStatus
 * {@code done} only after the inbound queue has it, so a crash in between fetches it again, with the
 * same bytes (the trace time is when it was first seen) and the same intake key, and the broker drops
 * the copy. A package intake refuses is still taken (its 02 goes to its sender through the axis).
 */
public final class AxisInbound {
    private static final Logger LOG = LoggerFactory.getLogger("lienthong.events");
    public static final String ADAPTER = "axis";
    private final AxisClient client;
    private final Intake intake;
    private final TrackingStore store;
    private final String organId;
    private final Path work;
    private final Clock clock;

    public AxisInbound(AxisClient client, Intake intake, TrackingStore store, String organId, Path work, Clock clock) {
        this.client = client;
        this.intake = intake;
        this.store = store;
        this.organId = organId;
        this.work = work;
        this.clock = clock;
    }

    /** What waits on the axis: documents first, then statuses (a status may be about a document in the same poll). */
    public List<AxisClient.Received> waiting() throws AxisException {
        List<AxisClient.Received> all = new ArrayList<>(client.receivedList(false));
        for (AxisClient.Received r : client.receivedList(true)) {
            all.add(new AxisClient.Received(r.docId(), "status", r.from(), r.createdTime()));
        }
        return all;
    }

    /** Fetches one item and takes it in: the {@link Inbound} to put on the inbound queue. */
    public Inbound fetch(AxisClient.Received item) throws AxisException, IOException {
        String remoteId = remoteId(item);
        byte[] raw = client.getEdoc(item.docId());
        OffsetDateTime seen = store.inTransaction(c -> {
            var at = Jdbc.one(c, "SELECT first_seen_at FROM axis_inbound WHERE remote_id = ?", rs -> rs.getObject(1, OffsetDateTime.class), remoteId);
            if (at.isPresent()) return VietnamTime.inVietnam(at.get());
            OffsetDateTime now = VietnamTime.now(clock).withNano(0);
            Jdbc.update(c, "INSERT INTO axis_inbound (remote_id, first_seen_at) VALUES (?, ?)", remoteId, now);
            return now;
        });
        byte[] stamped = TraceStamp.stamp(raw, organId, seen);
        Files.createDirectories(work);
        Path file = work.resolve("axis-" + UUID.randomUUID() + ".edxml");
        try {
            Files.write(file, stamped);
            String name = "axis-" + item.docId().replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".edxml";
            Inbound in = intake.take(file, name, ADAPTER, Routing.NATIONAL_AXIS, remoteId);
            store.inTransaction(c -> Jdbc.update(c, "UPDATE axis_inbound SET intake_key = ? WHERE remote_id = ?", in.intakeKey(), remoteId));
            LOG.info("axis received {} {} document={} from={} {}", item.messageType(), item.docId(), in.documentId(), in.senderId(),
                    in.refused() ? "refused " + in.refusals().get(0).reason().code() : "accepted");
            return in;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The inbound queue has it: the axis is told it was taken (updateStatus done). */
    public void acknowledge(AxisClient.Received item) throws AxisException {
        client.updateStatus(item.docId(), "done");
        store.inTransaction(c -> Jdbc.update(c, "UPDATE axis_inbound SET acknowledged_at = ? WHERE remote_id = ?", VietnamTime.now(clock),
                remoteId(item)));
    }

    static String remoteId(AxisClient.Received item) {
        return ("status".equalsIgnoreCase(item.messageType()) ? "status:" : "edoc:") + item.docId();
    }
}
