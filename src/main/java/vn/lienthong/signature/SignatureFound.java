package vn.lienthong.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import vn.lienthong.validation.Finding;

/**
 * One signature as a verifier found it, before any trust decision: where it is, who signed
 * (certificate, plus any others carried with it), with which algorithm and when, and what is
 * wrong with it cryptographically (E700 invalid, E701 tampered, E702 wrapping, E706/W701 algorithm,
 * E708 partial coverage). Certificate trust is {@link CertificateValidator}'s job.
 *
 * @param kind     {@code XMLDSIG} (the package envelope) or {@code PDF} (a signature inside an attachment)
 * @param location {@code envelope}, or the attachment's name
 */
public record SignatureFound(String kind, String location, X509Certificate signer, List<X509Certificate> certificates,
                             String algorithm, Instant signingTime, List<Finding> problems) {
    public boolean cryptographicallyValid() {
        return problems.stream().noneMatch(f -> !f.isWarning());
    }
}
