package vn.lienthong.signature;

import java.util.Locale;
import java.util.Optional;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Which signature algorithms count (R21): RSA or ECDSA with SHA-256 or stronger always; SHA-1 only
 * when the policy allows it, and then flagged weak (W701); MD5 never. Accepts XML-DSig URIs
 * ({@code http://www.w3.org/2001/04/xmldsig-more#rsa-sha256}) and JCA/CMS names ({@code SHA256withRSA}).
 */
public record AlgorithmPolicy(boolean allowSha1) {

    public static AlgorithmPolicy strict() {
        return new AlgorithmPolicy(false);
    }

    /** Empty when the algorithm is acceptable without remark. */
    public Optional<Finding> check(String algorithm) {
        String a = algorithm == null ? "" : algorithm.toLowerCase(Locale.ROOT);
        if (a.contains("md5") || a.contains("md2")) return Optional.of(Finding.of(ReasonCode.ALGORITHM_WEAK, algorithm));
        if (a.contains("sha1") || a.contains("sha-1") || a.endsWith("#dsa-sha1")) {
            return Optional.of(allowSha1 ? Finding.of(ReasonCode.W_WEAK_ALGORITHM, algorithm) : Finding.of(ReasonCode.ALGORITHM_WEAK, algorithm));
        }
        boolean strong = a.contains("sha256") || a.contains("sha384") || a.contains("sha512") || a.contains("sha-256")
                || a.contains("sha-384") || a.contains("sha-512") || a.contains("sha3-");
        return strong ? Optional.empty() : Optional.of(Finding.of(ReasonCode.ALGORITHM_WEAK, "unknown or unsupported algorithm " + algorithm));
    }
}
