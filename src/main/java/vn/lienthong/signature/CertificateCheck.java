package vn.lienthong.signature;

import java.security.cert.X509Certificate;
import java.util.List;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The outcome of checking one signer certificate: the chain built to a trust anchor (subject DNs,
 * signer first), the role the certificate plays, and the problems (refusals such as E703 expired,
 * E704 revoked, E705 untrusted, E707 revocation unknown under hard-fail; warnings such as W707).
 */
public record CertificateCheck(X509Certificate signer, List<String> chain, SignerRole role, List<Finding> problems) {
    public boolean valid() {
        return problems.stream().noneMatch(f -> !f.isWarning());
    }

    /**
     * The check in one word, for monitoring: {@code revoked} (E704), {@code unknown} (revocation status could not
     * be learnt: E707 or W707), {@code error} (any other refusal: expired, untrusted, key usage …) or {@code good}.
     */
    public String outcome() {
        if (problems.stream().anyMatch(f -> f.reason() == ReasonCode.CERT_REVOKED)) return "revoked";
        if (problems.stream().anyMatch(f -> f.reason() == ReasonCode.REVOCATION_UNKNOWN
                || f.reason() == ReasonCode.W_REVOCATION_UNAVAILABLE)) return "unknown";
        return valid() ? "good" : "error";
    }
}
