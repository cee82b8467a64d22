package vn.lienthong.signature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import vn.lienthong.edxml.attachment.ContentSniffer;
import vn.lienthong.observe.Events;
import vn.lienthong.signature.cert.PkixCertificateValidator;
import vn.lienthong.signature.cert.TrustPolicy;
import vn.lienthong.signature.pdf.PdfSignatureVerifier;
import vn.lienthong.signature.xml.XmlSignatureVerifier;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The trust decision on a package (R9, R21): verifies the envelope's XML-DSig and every PDF
 * signature in its attachments (including PDFs inside zips), checks each signer certificate, and
 * decides the legal value. A tampered or otherwise invalid signature refuses the package: it must
 * never pass (R21).
 */
public final class TrustService {
    private final XmlSignatureVerifier xml;
    private final PdfSignatureVerifier pdf;
    private final CertificateValidator certificates;
    private Events events = Events.NONE;

    public TrustService(XmlSignatureVerifier xml, PdfSignatureVerifier pdf, CertificateValidator certificates) {
        this.xml = xml;
        this.pdf = pdf;
        this.certificates = certificates;
    }

    /** Where each signer certificate check is reported (meters and the event log). */
    public TrustService observedBy(Events events) {
        this.events = events;
        return this;
    }

    /**
     * The service as {@code config/trust.yaml} and its trust anchors say; {@code anchors}, when given
     * (a PEM file or folder), replaces the configured anchors ({@code bin/lienthong verify --trust}).
     */
    public static TrustService fromConfig(Path configDir, Path anchors) throws IOException {
        TrustPolicy policy = TrustPolicy.loadFrom(configDir);
        PkixCertificateValidator certs = new PkixCertificateValidator(policy,
                anchors == null ? policy.loadAnchors(configDir) : TrustPolicy.readCertificates(anchors));
        AlgorithmPolicy algorithms = policy.algorithms();
        return new TrustService(new XmlSignatureVerifier(algorithms), new PdfSignatureVerifier(algorithms, certs), certs);
    }

    /**
     * @param packageFile the raw package
     * @param attachments folder holding the decoded attachments and whatever was unpacked from them
     * @param digitised   whether the sender marks the document as digitised from paper (Bussiness/Paper = 1)
     * @param receivedAt  used as signing time when a signature states none
     * @param envelopeSigned whether the reader saw a Signature element in the envelope; if not, the
     *                    package is not parsed again for it
     */
    public TrustReport assess(Path packageFile, boolean envelopeSigned, Path attachments, boolean digitised, Instant receivedAt)
            throws IOException {
        List<SignatureFound> found = new ArrayList<>(envelopeSigned ? xml.verify(packageFile) : List.of());
        for (Path f : pdfsUnder(attachments)) found.addAll(pdf.verify(f, attachments.relativize(f).toString()));
        return decide(found, digitised, receivedAt);
    }

    /** The decision from signatures already found (also used by {@code bin/lienthong verify}). */
    public TrustReport decide(List<SignatureFound> found, boolean digitised, Instant receivedAt) {
        List<TrustReport.Signer> signers = new ArrayList<>();
        List<Finding> reasons = new ArrayList<>();
        for (SignatureFound s : found) {
            if (treatedAsUnsigned(s)) {
                // reported (W700 the national SDK's QCVN-namespaced form that does not verify, W702 too large
                // to verify in memory), but the package counts as unsigned: its refusal codes do not apply
                s.problems().stream().filter(Finding::isWarning).forEach(reasons::add);
                continue;
            }
            reasons.addAll(s.problems());
            CertificateCheck cert = s.signer() == null ? null
                    : certificates.check(s.signer(), s.certificates(), s.signingTime() == null ? receivedAt : s.signingTime());
            if (cert != null) {
                reasons.addAll(cert.problems());
                events.certificateChecked(cert.outcome(), cert.chain().isEmpty() ? null : cert.chain().get(0));
            }
            signers.add(new TrustReport.Signer(s, cert));
        }
        boolean refused = reasons.stream().anyMatch(f -> !f.isWarning());
        if (refused) return new TrustReport(LegalValue.REFUSED, signers, dedupe(reasons));
        boolean person = signers.stream().anyMatch(s -> s.valid() && s.role() == SignerRole.PERSON);
        boolean organisation = signers.stream().anyMatch(s -> s.valid() && s.role() == SignerRole.ORGANISATION);
        LegalValue value = (organisation && (person || digitised)) ? LegalValue.LEGAL : LegalValue.REFERENCE_ONLY;
        return new TrustReport(value, signers, dedupe(reasons));
    }

    private static boolean treatedAsUnsigned(SignatureFound s) {
        boolean qcvnUnverified = XmlSignatureVerifier.KIND_QCVN.equals(s.kind()) && !s.cryptographicallyValid();
        boolean tooLarge = s.problems().stream().anyMatch(f -> f.reason() == ReasonCode.W_ENVELOPE_NOT_VERIFIED);
        return qcvnUnverified || tooLarge;
    }

    private static List<Finding> dedupe(List<Finding> findings) {
        return findings.stream().distinct().toList();
    }

    /** Every file under the folder that is a PDF by its header (as {@link ContentSniffer} tells a PDF). */
    static List<Path> pdfsUnder(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                if (ContentSniffer.isPdf(p)) out.add(p);
            }
        }
        return out;
    }

}
