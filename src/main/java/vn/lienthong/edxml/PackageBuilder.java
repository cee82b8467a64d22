package vn.lienthong.edxml;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an edXML document packet from metadata and files already on disk, for adapters whose
 * agencies do not speak edXML themselves: the e-mail adapter (R15: a clerk's mail and its scanned
 * PDF) and the REST adapter's JSON + multipart submission. The packet is then handed to the
 * gateway's intake like any other, which validates it (R1) and assesses its signatures (R9).
 *
 * <p>Files are referenced, never read into memory: {@link EdxmlWriter} base64-encodes each one
 * chunk by chunk from its file. Each gets a manifest reference and an attachment with content id
 * {@code cid:1}, {@code cid:2}… in the order attached.
 */
public final class PackageBuilder {
    /** One file to carry: where its bytes are, its name for the receiver, its MIME type. */
    public record File(Path path, String name, String contentType, long size) { }

    private final Organization from;
    private final String documentId;
    private List<Organization> to = List.of();
    private String codeNumber, codeNotation, promulgationPlace, promulgationDate, documentType, typeDetail, documentTypeName;
    private String subject, content, signerCompetence, signerPosition, signerFullName, dueDate, steeringType;
    private int priority;
    private final Map<String, String> otherInfo = new LinkedHashMap<>();
    private List<String> toPlaces = List.of();
    private List<String> appendixes = List.of();
    private List<ResponseFor> responseFor = List.of();
    private Business business;
    private final List<File> files = new ArrayList<>();

    /**
     * @param from       the sending organisation (the agency that handed the document in, R20)
     * @param documentId the document's id (mã văn bản, R2)
     */
    public PackageBuilder(Organization from, String documentId) {
        this.from = from;
        this.documentId = documentId;
    }

    public PackageBuilder to(List<Organization> receivers) { this.to = List.copyOf(receivers); return this; }

    /** Code: số and ký hiệu. */
    public PackageBuilder code(String number, String notation) { codeNumber = number; codeNotation = notation; return this; }

    /** PromulgationInfo: place and date, the date as edXML writes it ({@code yyyy/MM/dd}). */
    public PackageBuilder promulgation(String place, String edxmlDate) { promulgationPlace = place; promulgationDate = edxmlDate; return this; }

    public PackageBuilder documentType(String type, String detail, String name) {
        documentType = type;
        typeDetail = detail;
        documentTypeName = name;
        return this;
    }

    public PackageBuilder subject(String s) { subject = s; return this; }

    public PackageBuilder content(String c) { content = c; return this; }

    public PackageBuilder signer(String competence, String position, String fullName) {
        signerCompetence = competence;
        signerPosition = position;
        signerFullName = fullName;
        return this;
    }

    /** DueDate as edXML writes it ({@code yyyy/MM/dd}), for a document that asks for a reply (R6). */
    public PackageBuilder dueDate(String edxmlDate) { dueDate = edxmlDate; return this; }

    /** OtherInfo/Priority (R11): 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
    public PackageBuilder priority(int p) { priority = p; return this; }

    /** An OtherInfo leaf: SphereOfPromulgation, TyperNotation, PromulgationAmount, PageAmount, Direction. */
    public PackageBuilder otherInfo(String element, String value) {
        if (value != null) otherInfo.put(element, value);
        return this;
    }

    public PackageBuilder appendixes(List<String> titles) { appendixes = List.copyOf(titles); return this; }

    public PackageBuilder toPlaces(List<String> places) { toPlaces = List.copyOf(places); return this; }

    public PackageBuilder steeringType(String s) { steeringType = s; return this; }

    /** The documents this one answers or changes (R6). */
    public PackageBuilder responseFor(List<ResponseFor> refs) { responseFor = List.copyOf(refs); return this; }

    /** TraceHeaderList/Bussiness: new, recall, update, replacement; paper; the staff who sent it. */
    public PackageBuilder business(Business b) { business = b; return this; }

    public PackageBuilder attach(File f) { files.add(f); return this; }

    public List<File> files() { return List.copyOf(files); }

    /** The packet as the gateway's model (attachments on disk, where they were). */
    public EdxmlPackage build() {
        List<Attachment> attachments = new ArrayList<>();
        List<ManifestReference> manifest = new ArrayList<>();
        int n = 0;
        for (File f : files) {
            String cid = "cid:" + (++n);
            attachments.add(new Attachment(cid, f.name(), f.name(), f.contentType(), f.path(), f.size(), true));
            manifest.add(new ManifestReference(cid, f.contentType(), f.name(), f.name()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (typeDetail != null) fields.put("DocumentType/TypeDetail", typeDetail);
        otherInfo.forEach((k, v) -> fields.put("OtherInfo/" + k, v));
        if (steeringType != null) fields.put("SteeringType", steeringType);
        return new EdxmlPackage(PacketKind.DOCUMENT, from, to, documentId, codeNumber, codeNotation, promulgationPlace,
                promulgationDate, documentType, documentTypeName, subject, content, signerCompetence, signerPosition,
                signerFullName, dueDate, Integer.toString(priority), responseFor, List.of(), business, null, null, null, null, null,
                manifest, attachments, fields);
    }

    /** Writes the packet to {@code target} atomically (a partial file is never seen under that name). */
    public Path writeTo(Path target) throws IOException {
        if (target.getParent() != null) Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            new EdxmlWriter().writeDocument(build(), toPlaces, appendixes, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
