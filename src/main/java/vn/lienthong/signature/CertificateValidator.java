package vn.lienthong.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Checks a signer certificate (R9): path to a configured trust anchor, validity at the signing
 * time, key usage for signatures, revocation by OCSP and CRL under the configured policy.
 * XML-DSig and PDF signature verification both call this; implementations must be thread-safe.
 */
public interface CertificateValidator {
    /**
     * @param signer        the signing certificate
     * @param intermediates other certificates carried with the signature (may help build the path)
     * @param signingTime   when the signature was made (or the receive time if the signature says nothing)
     */
    CertificateCheck check(X509Certificate signer, List<X509Certificate> intermediates, Instant signingTime);
}
