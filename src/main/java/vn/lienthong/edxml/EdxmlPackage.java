package vn.lienthong.edxml;

import java.util.List;
import java.util.Map;

/**
 * One edXML packet as the gateway understands it: the MessageHeader of a document or of a
 * status, the trace (R16), the manifest and the attachments (already streamed to disk).
 *
 * <p>{@code fields} holds every leaf of MessageHeader and TraceHeaderList by path
 * (e.g. {@code OtherInfo/Priority}), first occurrence, so policy checks configured by IT staff
 * (such as the secret marker, R14) can name any element without code changes.
 */
public record EdxmlPackage(
        PacketKind kind,
        Organization from,
        List<Organization> to,
        String documentId,
        String codeNumber,
        String codeNotation,
        String promulgationPlace,
        String promulgationDate,
        String documentType,
        String documentTypeName,
        String subject,
        String content,
        String signerCompetence,
        String signerPosition,
        String signerFullName,
        String dueDate,
        String priority,
        List<ResponseFor> responseFor,
        List<TraceHeader> traces,
        Business business,
        StaffInfo staffInfo,
        String statusCode,
        String description,
        String timestamp,
        SignatureInfo signature,
        List<ManifestReference> manifest,
        List<Attachment> attachments,
        Map<String, String> fields) {

    /** BussinessDocType, 0 (new) when absent. */
    public int businessType() {
        return business == null ? Business.NEW : business.docType();
    }

    /** The document a status packet is about. */
    public ResponseFor statusFor() {
        return responseFor.isEmpty() ? null : responseFor.get(0);
    }

    public String field(String path) {
        return fields.get(path);
    }

    public List<String> receiverIds() {
        return to.stream().map(Organization::organId).toList();
    }
}
