package vn.lienthong.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.StatusQuery;
import vn.lienthong.tracking.TrackingStore;

/** {@code bin/lienthong status <document id>}: the document's current status at each receiver (R3), times in +07:00. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Print a document's current status at each receiver (R3), with incoming number and times in +07:00.",
                "Exit codes: 0 found, 1 no such document or error."})
public final class Status implements Callable<Integer> {
    @Parameters(paramLabel = "DOCUMENT_ID", description = "the DocumentId, e.g. 000.00.13.H41-2026.1") String documentId;
    @Mixin Installation installation;

    @Override
    public Integer call() throws Exception {
        try (TrackingStore store = installation.store()) {
            List<StatusQuery.Document> docs = new StatusQuery(store).of(documentId);
            if (docs.isEmpty()) {
                System.out.println("no document " + documentId + " in the tracking store / không có văn bản này");
                return 1;
            }
            for (StatusQuery.Document d : docs) {
                System.out.println(d.documentId() + "  from " + d.senderId() + (d.subject() == null ? "" : "  \"" + d.subject() + "\""));
                System.out.println("  received " + VietnamTime.iso(d.receivedAt()) + ", official receipt " + VietnamTime.iso(d.officialReceivedAt())
                        + ", " + d.legalValue() + (d.lateSend() ? ", LATE SEND (R10)" : "") + (d.recalled() ? ", RECALLED" : ""));
                for (StatusQuery.Receiver r : d.receivers()) {
                    String code = r.statusCode();
                    String meaning = code == null ? "đang chờ chuyển / queued"
                            : StatusCode.of(code).map(s -> s.vietnamese() + " / " + s.english()).orElse("?");
                    System.out.println("  " + r.receiverId() + "  " + (code == null ? "--" : code) + "  " + meaning
                            + (r.incomingNumber() == null ? "" : "  số đến " + r.incomingNumber() + "/" + r.incomingYear())
                            + (r.deliveredAt() == null ? "" : "  arrived " + VietnamTime.iso(r.deliveredAt()))
                            + (r.lastChange() == null ? "" : "  last change " + VietnamTime.iso(r.lastChange()))
                            + (r.pendingRequest() == null ? "" : "  pending " + r.pendingRequest()));
                }
            }
            return 0;
        }
    }
}
