package vn.lienthong.signature;

/**
 * A document's legal value (giá trị pháp lý, R9): {@code LEGAL} — a fully electronic document with
 * valid person and organisation signatures, or a digitised (scanned) one with a valid organisation
 * signature; {@code REFERENCE_ONLY} — no verifiable signature (bản tham khảo); {@code REFUSED} — a
 * signature is invalid, tampered, revoked, expired, untrusted or too weak for the policy.
 */
public enum LegalValue {
    LEGAL("legal"), REFERENCE_ONLY("reference-only"), REFUSED("refused");

    private final String label;

    LegalValue(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
