package vn.lienthong.validation;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.Attachment;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.ManifestReference;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.PacketKind;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.attachment.AttachmentInspector;
import vn.lienthong.registry.OrganIds;
import vn.lienthong.time.VietnamTime;

/**
 * The checks on a package that do not depend on this gateway's agency registry: mandatory fields
 * (R1), id forms (R2), manifest against attachments and attachment formats by content (R12),
 * the secret marker (R14), the status code. {@code bin/lienthong validate} runs exactly these.
 */
public final class PackageValidator {
    /** Status codes of QCVN 102 that a status packet may carry. */
    public static final Set<String> STATUS_CODES = java.util.Arrays.stream(vn.lienthong.status.StatusCode.values())
            .map(vn.lienthong.status.StatusCode::code).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Settings.Validation policy;
    private final AttachmentInspector inspector;

    public PackageValidator(Settings.Validation policy, AttachmentInspector inspector) {
        this.policy = policy;
        this.inspector = inspector;
    }

    /** Returns every finding, refusals and warnings; {@code workDir} receives unpacked zip content. */
    public List<Finding> validate(EdxmlPackage p, Path workDir) throws IOException {
        List<Finding> out = new ArrayList<>();
        if (p.from() == null || blank(p.from().organId())) out.add(missing("From/OrganId"));
        else relayedOrganId(p.from().organId(), "From", out);
        if (p.kind() == PacketKind.STATUS) {
            status(p, out);
        } else {
            document(p, out);
            attachments(p, workDir, out);
            secret(p, out);
        }
        return out;
    }

    public static boolean refused(List<Finding> findings) {
        return findings.stream().anyMatch(f -> !f.isWarning());
    }

    private void status(EdxmlPackage p, List<Finding> out) {
        ResponseFor r = p.statusFor();
        if (r == null || blank(r.documentId())) out.add(missing("ResponseFor/DocumentId"));
        if (blank(p.statusCode())) out.add(missing("StatusCode"));
        else if (!STATUS_CODES.contains(p.statusCode())) out.add(Finding.of(ReasonCode.STATUS_BAD_CODE, p.statusCode()));
        if (blank(p.timestamp())) {
            out.add(missing("Timestamp"));
        } else {
            try {
                VietnamTime.parseEdxml(p.timestamp());
            } catch (DateTimeParseException e) {
                out.add(Finding.of(ReasonCode.BAD_DATE, "Timestamp '" + p.timestamp() + "' (yyyy/MM/dd HH:mm:ss)"));
            }
        }
    }

    private void document(EdxmlPackage p, List<Finding> out) {
        if (p.to().isEmpty()) out.add(Finding.of(ReasonCode.NO_RECEIVER, "To"));
        for (Organization o : p.to()) {
            if (blank(o.organId())) out.add(missing("To/OrganId"));
            else relayedOrganId(o.organId(), "To", out);
        }
        if (blank(p.documentId())) {
            out.add(missing("DocumentId"));
        } else {
            documentId(p.documentId(), "DocumentId", out);
        }
        if (p.business() != null && p.business().documentId() != null && DocumentIds.hasImpossibleDate(p.business().documentId())) {
            out.add(Finding.of(ReasonCode.W_IMPOSSIBLE_DATE, "Bussiness/DocumentId " + p.business().documentId()));
        }
        require(p.codeNumber(), "Code/CodeNumber (số)", out);
        require(p.codeNotation(), "Code/CodeNotation (ký hiệu)", out);
        require(p.documentType(), "DocumentType/Type", out);
        require(p.subject(), "Subject (trích yếu)", out);
        require(p.signerFullName(), "SignerInfo/FullName", out);
        require(p.signerPosition(), "SignerInfo/Position", out);
        if (require(p.promulgationDate(), "PromulgationInfo/PromulgationDate", out)) {
            try {
                VietnamTime.parseEdxmlDate(p.promulgationDate());
            } catch (DateTimeParseException e) {
                out.add(Finding.of(ReasonCode.BAD_DATE, "PromulgationDate '" + p.promulgationDate() + "' (yyyy/MM/dd)"));
            }
        }
        if (p.priority() != null && !p.priority().matches("[0-4]")) {
            out.add(Finding.of(ReasonCode.BAD_PRIORITY, "Priority '" + p.priority() + "' (0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ)"));
        }
        int t = p.businessType();
        if (t < Business.NEW || t > Business.REPLACEMENT) {
            out.add(Finding.of(ReasonCode.BAD_BUSINESS_TYPE, "BussinessDocType " + p.field("Bussiness/BussinessDocType")));
        }
    }

    private void documentId(String id, String field, List<Finding> out) {
        DocumentIds.Form form = DocumentIds.form(id);
        if (form == DocumentIds.Form.OTHER) {
            relayed(ReasonCode.BAD_DOCUMENT_ID, field + " '" + id + "' (<mã cơ quan>-YYYY.X)", out);
        } else if (DocumentIds.hasImpossibleDate(id)) {
            out.add(Finding.of(ReasonCode.W_IMPOSSIBLE_DATE, field + " " + id));
        }
    }

    private void relayedOrganId(String id, String field, List<Finding> out) {
        if (!OrganIds.isStrict(id)) {
            if (OrganIds.isGeneral(id)) return; // 2022 amendment form: accepted as relayed
            relayed(ReasonCode.BAD_ORGAN_ID, field + "/OrganId '" + id + "'", out);
        }
    }

    /** Relayed ids: a warning, or a refusal under the strict policy (R2). */
    private void relayed(ReasonCode strictCode, String detail, List<Finding> out) {
        out.add("strict".equalsIgnoreCase(policy.relayedIds())
                ? Finding.of(strictCode, detail)
                : Finding.of(ReasonCode.W_RELAYED_ID_FORM, detail));
    }

    private void attachments(EdxmlPackage p, Path workDir, List<Finding> out) throws IOException {
        Set<String> listed = new HashSet<>();
        for (ManifestReference m : p.manifest()) listed.add(norm(m.contentId()));
        Set<String> present = new HashSet<>();
        for (Attachment a : p.attachments()) {
            String id = norm(a.contentId());
            String name = a.attachmentName() == null ? id : a.attachmentName();
            if (!present.add(id)) out.add(Finding.of(ReasonCode.ATTACHMENT_DUPLICATE_ID, a.contentId()));
            if (!listed.contains(id)) out.add(Finding.of(ReasonCode.ATTACHMENT_NOT_LISTED, name + " (" + a.contentId() + ")"));
            if (!a.encodingValid()) {
                out.add(Finding.of(ReasonCode.ATTACHMENT_BAD_ENCODING, name));
                continue;
            }
            out.addAll(inspector.inspect(a.file(), name, a.contentType(),
                    workDir.resolve("unpacked-" + present.size())).problems());
        }
        for (ManifestReference m : p.manifest()) {
            if (!present.contains(norm(m.contentId()))) {
                out.add(Finding.of(ReasonCode.ATTACHMENT_MISSING, m.attachmentName() + " (" + m.contentId() + ")"));
            }
        }
        if (p.attachments().isEmpty() && policy.requireAttachment() && p.businessType() != Business.REVOCATION) {
            out.add(Finding.of(ReasonCode.ATTACHMENT_MISSING, "không có tệp nào / no attachment at all"));
        }
    }

    private void secret(EdxmlPackage p, List<Finding> out) {
        for (Settings.SecretMarker m : policy.secretMarkers()) {
            String v = p.field(m.field());
            if (v == null) continue;
            String value = fold(v);
            boolean hit = m.equals().stream().anyMatch(e -> value.equals(fold(e)))
                    || m.startsWith().stream().anyMatch(s -> value.startsWith(fold(s)));
            if (hit) out.add(Finding.of(ReasonCode.SECRET_DOCUMENT, m.field() + " = '" + v.strip() + "'"));
        }
    }

    private static String fold(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static String norm(String contentId) {
        if (contentId == null) return "";
        String c = contentId.strip();
        return c.regionMatches(true, 0, "cid:", 0, 4) ? c.substring(4) : c;
    }

    private static Finding missing(String field) {
        return Finding.of(ReasonCode.MISSING_FIELD, field);
    }

    private static boolean require(String value, String field, List<Finding> out) {
        if (blank(value)) {
            out.add(missing(field));
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
