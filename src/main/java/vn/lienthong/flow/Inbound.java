package vn.lienthong.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import vn.lienthong.validation.Finding;

/**
 * What an adapter hands to the pipeline after intake: the package's summary as read in its one
 * parse, where its raw bytes are kept, when it arrived, and the checks' verdict. Travels as JSON
 * on the inbound queue, so the pipeline never parses the package again.
 *
 * @param intakeKey   identity of this hand-in (same file handed in twice after a crash = same key)
 * @param receivedAt  ISO 8601 in +07:00 with the fraction of a second kept (the record's precision)
 * @param legalValue  {@code legal}, {@code reference-only} or {@code refused} (R9)
 * @param signers     one line per signature found: kind, where, signer, role, algorithm, valid or not
 * @param refusals    non-empty when the package is refused (sent back as a 02 status, R4)
 */
public record Inbound(
        String intakeKey, String adapter, String handedInBy, String fileName, String storedPath, String sha256, long size,
        String receivedAt, String officialReceivedAt, boolean lateSend,
        String kind, int businessType, String senderId, String senderName, String documentId, List<String> receivers,
        int priority, String codeNumber, String codeNotation, String subject, String documentType, String promulgationDate,
        String signer, List<String> referencedDocumentIds,
        String statusCode, String statusDescription, String statusTimestamp, String responseForOrganId,
        List<Finding> refusals, List<Finding> warnings, String legalValue, List<String> signers) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The same hand-in with the legal value an adapter's policy decided, and the warning that says why. */
    public Inbound withLegalValue(String legal, java.util.Optional<Finding> why) {
        List<Finding> w = new java.util.ArrayList<>(warnings);
        why.ifPresent(w::add);
        return new Inbound(intakeKey, adapter, handedInBy, fileName, storedPath, sha256, size, receivedAt, officialReceivedAt, lateSend,
                kind, businessType, senderId, senderName, documentId, receivers, priority, codeNumber, codeNotation, subject,
                documentType, promulgationDate, signer, referencedDocumentIds, statusCode, statusDescription, statusTimestamp,
                responseForOrganId, refusals, List.copyOf(w), legal, signers);
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    public static Inbound fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, Inbound.class);
    }

    @JsonIgnore
    public boolean refused() {
        return refusals != null && !refusals.isEmpty();
    }

    @JsonIgnore
    public boolean isStatus() {
        return "STATUS".equals(kind);
    }
}
