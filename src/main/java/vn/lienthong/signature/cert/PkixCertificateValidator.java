package vn.lienthong.signature.cert;

import java.io.IOException;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.lienthong.signature.CertificateCheck;
import vn.lienthong.signature.CertificateValidator;
import vn.lienthong.signature.SignerRole;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The gateway's certificate check (R9), under a {@link TrustPolicy}:
 * <ol>
 * <li><b>Path</b>: PKIX path building ({@code CertPathBuilder "PKIX"}) from the signer, through the
 *     certificates carried with the signature, to one of the configured anchors, at the signing
 *     time. PKIX's own revocation checking is off: revocation is done here so that soft/hard-fail is
 *     policy and always recorded. No path: E705, naming the issuer that is not trusted.</li>
 * <li><b>Validity</b> of every certificate of the chain (anchor included) at the signing time: E703.</li>
 * <li><b>Key usage</b> of the signer: digitalSignature or nonRepudiation (an absent extension allows
 *     any use, RFC 5280): otherwise E709.</li>
 * <li><b>Algorithms</b> of the certificate signatures in the chain (not the anchor's own self-signature):
 *     SHA-1 is E706, or W701 when {@code allow-sha1}; MD5 always E706.</li>
 * <li><b>Revocation</b> of the signer and every intermediate, only once the path is trusted and valid:
 *     OCSP first (AIA URL), then the CRL distribution points if there is no OCSP URL or OCSP gave no
 *     usable answer (down, malformed, forged, unknown). The current status is asked; a certificate
 *     counts as revoked for this signature when its revocation date is at or before the signing time,
 *     or, whatever the date, when the reason is keyCompromise, cACompromise or aACompromise: E704.
 *     A certificate revoked later for another reason (superseded, cessation ...) leaves the signature
 *     valid. No usable answer: E707 under hard-fail, W707 under soft-fail, nothing when off.</li>
 * </ol>
 * {@link CertificateCheck#chain()} lists the subject DNs from signer to anchor (as far as the path
 * could be followed when it is not trusted). Thread-safe; answers are cached (see {@link TrustPolicy.Revocation}).
 */
public final class PkixCertificateValidator implements CertificateValidator {

    private final TrustPolicy policy;
    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;
    private final Clock clock;
    private final RevocationChecker revocation;

    public PkixCertificateValidator(TrustPolicy policy, Collection<X509Certificate> anchors) {
        this(policy, anchors, Clock.systemUTC());
    }

    /** @param clock "now" for OCSP/CRL freshness and cache expiry (not the signing time) */
    public PkixCertificateValidator(TrustPolicy policy, Collection<X509Certificate> anchors, Clock clock) {
        CertUtil.bouncyCastle();
        this.policy = Objects.requireNonNull(policy);
        this.anchors = List.copyOf(new LinkedHashSet<>(anchors));
        Set<TrustAnchor> ta = new HashSet<>();
        for (X509Certificate a : this.anchors) ta.add(new TrustAnchor(a, null));
        this.trustAnchors = Set.copyOf(ta);
        this.clock = Objects.requireNonNull(clock);
        this.revocation = new RevocationChecker(policy.revocation(), clock);
    }

    /** Reads {@code configDir/trust.yaml} (defaults if absent) and the anchors it names. */
    public static PkixCertificateValidator fromConfig(Path configDir) throws IOException {
        TrustPolicy p = TrustPolicy.loadFrom(configDir);
        return new PkixCertificateValidator(p, p.loadAnchors(configDir));
    }

    public TrustPolicy policy() { return policy; }

    public List<X509Certificate> anchors() { return anchors; }

    /** Forgets cached OCSP answers and CRLs. */
    public void clearCache() { revocation.clearCache(); }

    @Override
    public CertificateCheck check(X509Certificate signer, List<X509Certificate> intermediates, Instant signingTime) {
        Objects.requireNonNull(signer, "signer");
        Instant at = signingTime == null ? clock.instant() : signingTime;
        List<X509Certificate> carried = intermediates == null ? List.of() : intermediates;
        List<Finding> problems = new ArrayList<>();
        SignerRole role = policy.roleOf(signer);

        BuiltPath path = buildPath(signer, carried, at);

        boolean expired = false;
        for (X509Certificate c : path.certs) {
            Instant from = c.getNotBefore().toInstant();
            Instant to = c.getNotAfter().toInstant();
            if (at.isBefore(from) || at.isAfter(to)) {
                expired = true;
                problems.add(Finding.of(ReasonCode.CERT_EXPIRED, Dn.of(c.getSubjectX500Principal()) + " is valid from "
                        + VietnamTime.iso(from) + " to " + VietnamTime.iso(to) + ", signed at " + VietnamTime.iso(at)));
            }
        }
        if (path.untrusted != null && !(path.reachedAnchor && expired)) {
            problems.add(Finding.of(ReasonCode.CERT_UNTRUSTED, path.untrusted));
        }
        if (!CertUtil.allowsSigning(signer)) {
            problems.add(Finding.of(ReasonCode.CERT_KEY_USAGE, Dn.of(signer.getSubjectX500Principal()) + " has key usage "
                    + CertUtil.keyUsageText(signer) + "; digitalSignature or nonRepudiation is required"));
        }
        for (X509Certificate c : path.certs) {
            if (isAnchor(c) && CertUtil.selfIssued(c)) continue;
            Optional<Finding> weak = policy.algorithms().check(c.getSigAlgName());
            weak.ifPresent(f -> problems.add(Finding.of(f.reason(), "certificate " + Dn.of(c.getSubjectX500Principal())
                    + " is signed with " + c.getSigAlgName())));
        }

        boolean checkRevocation = policy.revocation().mode() != TrustPolicy.RevocationMode.OFF
                && (policy.revocation().ocsp() || policy.revocation().crl());
        if (checkRevocation && path.untrusted == null && !expired) {
            for (int i = 0; i + 1 < path.certs.size(); i++) {
                X509Certificate c = path.certs.get(i);
                if (isAnchor(c)) break;                       // anchors are trusted by configuration
                revocation(c, path.certs.get(i + 1), at, problems);
            }
        }

        List<String> chain = path.certs.stream().map(c -> Dn.of(c.getSubjectX500Principal())).toList();
        return new CertificateCheck(signer, chain, role, List.copyOf(problems));
    }

    private void revocation(X509Certificate c, X509Certificate issuer, Instant at, List<Finding> problems) {
        String who = Dn.of(c.getSubjectX500Principal()) + " (serial " + CertUtil.serialHex(c) + ")";
        RevocationChecker.Status s = revocation.status(c, issuer);
        if (s instanceof RevocationChecker.Revoked r) {
            boolean before = !r.date().isAfter(at);
            if (before || r.compromise()) {
                problems.add(Finding.of(ReasonCode.CERT_REVOKED, who + " revoked on " + VietnamTime.iso(r.date())
                        + (r.reason() == null ? "" : ", reason " + reasonName(r.reason()))
                        + (before ? "" : " (after the signing time, but the key was compromised)") + " [" + r.source() + "]"));
            }
        } else if (s instanceof RevocationChecker.Unavailable u) {
            boolean hard = policy.revocation().mode() == TrustPolicy.RevocationMode.HARD_FAIL;
            problems.add(Finding.of(hard ? ReasonCode.REVOCATION_UNKNOWN : ReasonCode.W_REVOCATION_UNAVAILABLE,
                    who + ": " + u.detail()));
        }
    }

    private static String reasonName(java.security.cert.CRLReason r) {
        return switch (r) {
            case UNSPECIFIED -> "unspecified";
            case KEY_COMPROMISE -> "keyCompromise";
            case CA_COMPROMISE -> "cACompromise";
            case AFFILIATION_CHANGED -> "affiliationChanged";
            case SUPERSEDED -> "superseded";
            case CESSATION_OF_OPERATION -> "cessationOfOperation";
            case CERTIFICATE_HOLD -> "certificateHold";
            case PRIVILEGE_WITHDRAWN -> "privilegeWithdrawn";
            case AA_COMPROMISE -> "aACompromise";
            default -> r.name();
        };
    }

    // ------------------------------------------------------------------ path

    /**
     * @param certs         signer first, anchor last when trusted; otherwise as far as it could be followed
     * @param untrusted     null when PKIX built a path, else why not (detail for E705)
     * @param reachedAnchor the issuer links and signatures lead to an anchor (failure then is validity or constraints)
     */
    private record BuiltPath(List<X509Certificate> certs, String untrusted, boolean reachedAnchor) { }

    private BuiltPath buildPath(X509Certificate signer, List<X509Certificate> carried, Instant at) {
        if (anchors.isEmpty()) {
            return new BuiltPath(walk(signer, carried).certs, "no trust anchors are configured; issuer "
                    + Dn.of(signer.getIssuerX500Principal()) + " is not trusted", false);
        }
        if (isAnchor(signer)) return new BuiltPath(List.of(signer), null, true);
        String builderMessage;
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            List<Certificate> store = new ArrayList<>(carried);
            store.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            PKIXCertPathBuilderResult r = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : r.getCertPath().getCertificates()) certs.add((X509Certificate) c);
            certs.add(r.getTrustAnchor().getTrustedCert());
            return new BuiltPath(List.copyOf(certs), null, true);
        } catch (CertPathBuilderException e) {
            builderMessage = e.getMessage();
        } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException e) {
            builderMessage = e.toString();
        }
        Walk w = walk(signer, carried);
        X509Certificate last = w.certs.get(w.certs.size() - 1);
        String why;
        if (w.reachedAnchor) {
            why = "the path to trust anchor " + Dn.of(last.getSubjectX500Principal()) + " is not valid: " + builderMessage;
        } else if (CertUtil.selfIssued(last)) {
            why = "root " + Dn.of(last.getSubjectX500Principal()) + " is not a configured trust anchor";
        } else {
            why = "issuer " + Dn.of(last.getIssuerX500Principal()) + " of " + Dn.of(last.getSubjectX500Principal())
                    + " is neither a configured trust anchor nor a certificate carried with the signature";
        }
        return new BuiltPath(w.certs, why, w.reachedAnchor);
    }

    private record Walk(List<X509Certificate> certs, boolean reachedAnchor) { }

    /** Follows issuer names and signatures from the signer as far as possible, without any date or policy check. */
    private Walk walk(X509Certificate signer, List<X509Certificate> carried) {
        List<X509Certificate> certs = new ArrayList<>();
        certs.add(signer);
        X509Certificate cur = signer;
        for (int depth = 0; depth < 12; depth++) {
            if (isAnchor(cur)) return new Walk(certs, true);
            for (X509Certificate a : anchors) {
                if (CertUtil.issuedBy(cur, a)) {
                    certs.add(a);
                    return new Walk(certs, true);
                }
            }
            if (CertUtil.selfIssued(cur)) break;
            X509Certificate next = null;
            for (X509Certificate c : carried) {
                if (!certs.contains(c) && CertUtil.issuedBy(cur, c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) break;
            certs.add(next);
            cur = next;
        }
        return new Walk(certs, false);
    }

    private boolean isAnchor(X509Certificate c) {
        return anchors.contains(c);
    }
}
