package vn.lienthong.signature;

import java.util.List;
import vn.lienthong.validation.Finding;

/** The verdict on one package and why: every signature found, its certificate check, and the reasons. */
public record TrustReport(LegalValue legalValue, List<Signer> signers, List<Finding> reasons) {

    /** One signature with the check of its certificate. */
    public record Signer(SignatureFound signature, CertificateCheck certificate) {
        public boolean valid() {
            return signature.cryptographicallyValid() && certificate != null && certificate.valid();
        }

        public SignerRole role() {
            return certificate == null ? SignerRole.UNKNOWN : certificate.role();
        }

        public String describe() {
            String who = signature.signer() == null ? "(no certificate)" : signature.signer().getSubjectX500Principal().getName();
            return signature.kind() + " " + signature.location() + ": " + who + " [" + role() + ", " + signature.algorithm() + "] "
                    + (valid() ? "valid" : "NOT valid");
        }
    }

    public List<Finding> refusals() {
        return reasons.stream().filter(f -> !f.isWarning()).toList();
    }
}
