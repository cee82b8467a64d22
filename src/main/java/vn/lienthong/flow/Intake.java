package vn.lienthong.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlRefusedException;
import vn.lienthong.edxml.PacketKind;
import vn.lienthong.edxml.ReadResult;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.encoding.VietnameseText;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.signature.TrustReport;
import vn.lienthong.signature.TrustService;
import vn.lienthong.time.ReceiptRules;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.PackageArchive;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.PackageValidator;
import vn.lienthong.validation.ReasonCode;

/**
 * Intake (tiếp nhận): one package handed in by an agency's adapter is read once, checked, stamped
 * with its receive time and official receipt time (R7, R8), flagged if sent late (R10), and kept
 * in the archive. The result is an {@link Inbound} for the pipeline, accepted or refused.
 */
public final class Intake {
    private final EdxmlReader reader;
    private final PackageValidator validator;
    private final AgencyRegistry registry;
    private final ReceiptRules rules;
    private final PackageArchive archive;
    private final Path workRoot;
    private final Clock clock;
    private final TrustService trust;
    private GatewaySigner signer;
    private vn.lienthong.observe.Events events = vn.lienthong.observe.Events.NONE;
    private vn.lienthong.axis.Routing routing;

    /** With a national axis or members (R23): receivers outside the province are routed, peers may hand in for others. */
    public Intake routingBy(vn.lienthong.axis.Routing routing) {
        this.routing = routing;
        return this;
    }

    /** Signs what this gateway relays for agencies that cannot sign themselves (none when not set). */
    public record GatewaySigner(java.security.PrivateKey key, List<java.security.cert.X509Certificate> chain) { }

    public Intake signingFor(GatewaySigner signer) {
        this.signer = signer;
        return this;
    }

    /** Where intake reports each package it took (meters and the event log). */
    public Intake observedBy(vn.lienthong.observe.Events events) {
        this.events = events;
        return this;
    }

    public Intake(EdxmlReader reader, PackageValidator validator, TrustService trust, AgencyRegistry registry, ReceiptRules rules,
                  PackageArchive archive, Path workRoot, Clock clock) {
        this.trust = trust;
        this.reader = reader;
        this.validator = validator;
        this.registry = registry;
        this.rules = rules;
        this.archive = archive;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /**
     * @param handInId what identifies this hand-in at the adapter (for files: name, size, modification
     *                 time), so that the same file picked up again after a crash gets the same key
     */
    public Inbound take(Path file, String fileName, String adapter, String agency, String handInId) throws IOException {
        long t0 = System.nanoTime();
        Inbound in = read(file, fileName, adapter, agency, handInId);
        events.received(adapter, agency, in.kind(), in.documentId(), in.receivers(),
                in.refused() ? in.refusals().get(0).reason().code() : null, System.nanoTime() - t0);
        return in;
    }

    private Inbound read(Path file, String fileName, String adapter, String agency, String handInId) throws IOException {
        OffsetDateTime receivedAt = VietnamTime.now(clock);
        Path work = workRoot.resolve(UUID.randomUUID().toString());
        try {
            ReadResult read;
            try {
                read = reader.read(file, work.resolve("attachments"));
            } catch (EdxmlRefusedException e) {
                String sha = vn.lienthong.integrity.Sha256.hex(file);
                String key = key(adapter, agency, handInId, sha);
                Path kept = archive.keep(file, key, receivedAt);
                return unreadable(key, adapter, agency, fileName, kept, sha, Files.size(file), receivedAt, e.finding());
            }
            EdxmlPackage p = read.pkg();
            List<Finding> findings = new ArrayList<>(read.findings());
            // R12: legacy TCVN3 / VNI / CP1258 text is converted to Unicode, or refused when it cannot be told
            VietnameseText.Detection text = LegacyText.detect(p);
            boolean convertText = text.isConverted() && text.encoding() != VietnameseText.Encoding.UNICODE;
            if (text.mustRefuse()) {
                findings.add(Finding.of(ReasonCode.LEGACY_ENCODING_AMBIGUOUS, text.detail()));
            } else if (convertText) {
                p = LegacyText.convert(p, text.encoding());
                findings.add(Finding.of(ReasonCode.W_LEGACY_ENCODING_CONVERTED, text.encoding().name()));
            }
            findings.addAll(validator.validate(p, work));
            routing(p, agency, findings);
            boolean late = false;
            String legal = "reference-only";
            List<String> signers = List.of();
            if (PackageValidator.refused(findings)) {
                late = lateSend(p, java.util.Optional.empty(), receivedAt, findings);
            } else {
                // R9, R21: signatures verified, certificates checked, legal value decided; tampering refuses
                boolean digitised = p.business() != null && "1".equals(p.business().paper());
                TrustReport t = trust.assess(file, p.signature() != null, work, digitised, receivedAt.toInstant());
                findings.addAll(t.reasons());
                legal = t.legalValue().label();
                signers = t.signers().stream().map(TrustReport.Signer::describe).toList();
                late = lateSend(p, signedAt(t), receivedAt, findings);
            }
            String key = key(adapter, agency, handInId, read.sha256());
            Path kept = archive.keep(file, key, receivedAt);
            boolean refusedSoFar = findings.stream().anyMatch(f -> !f.isWarning());
            if (!refusedSoFar && convertText) {
                // the archive keeps the bytes as received; what is delivered is the package rewritten in Unicode
                Path unicode = kept.resolveSibling(key + ".unicode.edxml");
                try (java.io.OutputStream out = Files.newOutputStream(unicode)) {
                    if (p.kind() == PacketKind.STATUS) {
                        new vn.lienthong.edxml.EdxmlWriter().writeStatus(new vn.lienthong.edxml.StatusPacket(p.from(), p.statusFor(),
                                p.staffInfo(), p.statusCode(), p.description(), p.timestamp()), out);
                    } else {
                        new vn.lienthong.edxml.EdxmlWriter().writeDocument(p, out);
                    }
                }
                kept = unicode;
            }
            if (!refusedSoFar && p.kind() == PacketKind.DOCUMENT && needsGatewaySignature(agency, p)) {
                // the archive keeps the bytes as received; what is delivered is the copy the gateway signed
                Path signedCopy = kept.resolveSibling(key + ".signed.edxml");
                try {
                    new vn.lienthong.signature.xml.XmlSigner().sign(kept, signedCopy, signer.key(), signer.chain(), clock);
                } catch (vn.lienthong.signature.xml.XmlSigningException e) {
                    throw new IOException("cannot sign for " + agency + ": " + e.getMessage(), e);
                }
                kept = signedCopy;
                signers = new java.util.ArrayList<>(signers);
                signers.add("XMLDSIG envelope: signed by this gateway for " + agency + ": "
                        + signer.chain().get(0).getSubjectX500Principal().getName());
            }
            List<Finding> refusals = findings.stream().filter(f -> !f.isWarning()).toList();
            List<Finding> warnings = findings.stream().filter(Finding::isWarning).toList();
            ResponseFor rf = p.statusFor();
            boolean status = p.kind() == PacketKind.STATUS;
            return new Inbound(key, adapter, agency, fileName, kept.toString(), read.sha256(), read.size(),
                    receivedAt.toString(), VietnamTime.iso(rules.officialReceiptTime(receivedAt)), late,
                    p.kind().name(), p.businessType(), p.from() == null ? null : p.from().organId(),
                    p.from() == null ? null : p.from().organName(),
                    status ? (rf == null ? null : rf.documentId()) : p.documentId(),
                    p.receiverIds(), Urgency.parse(p.priority()), p.codeNumber(), p.codeNotation(), p.subject(),
                    p.documentType(), p.promulgationDate(), p.signerFullName(), referenced(p),
                    p.statusCode(), p.description(), p.timestamp(), rf == null ? null : rf.organId(),
                    refusals, warnings, legal, signers);
        } finally {
            deleteQuietly(work);
        }
    }

    private Inbound unreadable(String key, String adapter, String agency, String fileName, Path kept, String sha, long size,
                               OffsetDateTime receivedAt, Finding why) {
        return new Inbound(key, adapter, agency, fileName, kept.toString(), sha, size, receivedAt.toString(),
                VietnamTime.iso(rules.officialReceiptTime(receivedAt)), false, "UNREADABLE", 0, null, null, null,
                List.of(), 0, null, null, null, null, null, null, List.of(), null, null, null, null, List.of(why), List.of(), "refused", List.of());
    }

    private boolean needsGatewaySignature(String agency, EdxmlPackage p) {
        boolean standardSignature = p.signature() != null && p.signature().isStandardXmlDsig();
        return signer != null && !standardSignature && registry.find(agency).map(a -> a.gatewaySigns()).orElse(false);
    }

    /** An agency sends only as itself (R20); receivers must be agencies this axis knows; disabled agencies neither send nor receive. */
    private void routing(EdxmlPackage p, String agency, List<Finding> out) {
        String from = p.from() == null ? null : p.from().organId();
        boolean peer = routing != null && routing.isPeer(agency);
        if (!registry.contains(agency) && !peer) out.add(Finding.of(ReasonCode.UNKNOWN_SENDER, agency));
        else if (registry.isDisabled(agency)) out.add(Finding.of(ReasonCode.AGENCY_DISABLED, agency));
        if (from != null && !from.equals(agency) && !(peer && routing.mayActFor(agency, from))) {
            out.add(Finding.of(ReasonCode.SENDER_MISMATCH, "From/OrganId " + from + " ≠ " + agency));
        }
        if (p.kind() == PacketKind.DOCUMENT) {
            if (peer) {
                // from the national axis or a member: at least one receiver must be served here (R23)
                if (!p.receiverIds().isEmpty() && routing.served(agency, p.receiverIds()).isEmpty()) {
                    out.add(Finding.of(ReasonCode.UNKNOWN_RECEIVER, String.join(", ", p.receiverIds())));
                }
                return;
            }
            for (String to : p.receiverIds()) {
                // with a national axis, a receiver outside the province in valid id form goes there (R23)
                boolean known = registry.contains(to) || routing != null && routing.routable(to);
                if (to != null && !to.isBlank() && !known) out.add(Finding.of(ReasonCode.UNKNOWN_RECEIVER, to));
                else if (to != null && registry.isDisabled(to)) out.add(Finding.of(ReasonCode.AGENCY_DISABLED, to));
            }
        }
    }

    /**
     * When the document was signed, as its verified signatures say: the latest signing time among the
     * signatures that verified (the organisation signs last, when it issues the document).
     */
    private static java.util.Optional<java.time.Instant> signedAt(TrustReport t) {
        return t.signers().stream().map(TrustReport.Signer::signature)
                .filter(s -> s.signingTime() != null && s.problems().stream().allMatch(Finding::isWarning))
                .map(vn.lienthong.signature.SignatureFound::signingTime).max(java.util.Comparator.naturalOrder());
    }

    /**
     * R10: a signed document must be sent the day it is signed, or by 12:00 of the next working day.
     * The day it was signed is the verified signing time when a signature gives one; otherwise, for a
     * package that carries a signature, its promulgation date.
     */
    private boolean lateSend(EdxmlPackage p, java.util.Optional<java.time.Instant> verified, OffsetDateTime receivedAt, List<Finding> out) {
        if (p.kind() != PacketKind.DOCUMENT) return false;
        OffsetDateTime signed;
        String how;
        if (verified.isPresent()) {
            signed = verified.get().atOffset(VietnamTime.ZONE);
            how = "ký lúc / signed at " + VietnamTime.iso(signed) + " (chữ ký / signature)";
        } else {
            if (p.signature() == null || p.promulgationDate() == null) return false;
            try {
                signed = VietnamTime.parseEdxmlDate(p.promulgationDate()).atStartOfDay().atOffset(VietnamTime.ZONE);
            } catch (DateTimeParseException e) {
                return false; // reported by the validator
            }
            how = "ngày ban hành / promulgated " + p.promulgationDate();
        }
        if (!rules.isLateSend(signed, receivedAt)) return false;
        out.add(Finding.of(ReasonCode.W_LATE_SEND, how + ", hạn / deadline " + VietnamTime.iso(rules.sendDeadline(signed))));
        return true;
    }

    private static List<String> referenced(EdxmlPackage p) {
        if (p.business() == null || p.businessType() != Business.REPLACEMENT) return List.of();
        return p.business().replacements().stream().map(Business.Replacement::documentId).filter(d -> d != null && !d.isBlank()).distinct().toList();
    }

    static String key(String adapter, String agency, String handInId, String sha) {
        return vn.lienthong.integrity.Sha256.hex((adapter + "|" + agency + "|" + handInId + "|" + sha).getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }


    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover work folder is harmless
        }
    }
}
