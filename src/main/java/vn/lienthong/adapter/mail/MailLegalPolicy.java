package vn.lienthong.adapter.mail;

import java.util.Locale;
import java.util.Optional;
import vn.lienthong.signature.LegalValue;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Whether a document that came by e-mail (R15) keeps the legal value its signatures give it (R9).
 * A sender address can be forged, so the province chooses (gateway.yaml {@code mail.legal-value}):
 * <ul>
 *   <li>{@code signed-pdf} (default): legal when the scanned PDF carries a verified organisation
 *       signature, whatever way the mail came — the signature, not the address, proves the author;</li>
 *   <li>{@code relay-and-signed-pdf}: legal only when, in addition, the mail came through the
 *       province's own mail relay with an authenticated sender;</li>
 *   <li>{@code never}: every mail-borne document is for reference only (bản tham khảo).</li>
 * </ul>
 * An unsigned document is never legal (R9), whatever the way it came.
 */
public enum MailLegalPolicy {
    SIGNED_PDF, RELAY_AND_SIGNED_PDF, NEVER;

    public static MailLegalPolicy parse(String s) {
        if (s == null || s.isBlank()) return SIGNED_PDF;
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mail.legal-value: '" + s + "' is not one of signed-pdf, relay-and-signed-pdf, never");
        }
    }

    /** The legal value to record, and the warning that says why, when this policy lowers it. */
    public record Decision(String legalValue, Optional<Finding> warning) { }

    /**
     * @param verdict          the legal value the signatures gave ({@link LegalValue#label()})
     * @param viaProvinceRelay the mail came through the province's relay with its sender authenticated
     */
    public Decision decide(String verdict, boolean viaProvinceRelay) {
        if (!LegalValue.LEGAL.label().equals(verdict)) return new Decision(verdict, Optional.empty());
        return switch (this) {
            case SIGNED_PDF -> new Decision(verdict, Optional.empty());
            case RELAY_AND_SIGNED_PDF -> viaProvinceRelay ? new Decision(verdict, Optional.empty())
                    : lowered("the mail did not come through the province's mail relay");
            case NEVER -> lowered("mail-borne documents are for reference only in this province");
        };
    }

    private static Decision lowered(String why) {
        return new Decision(LegalValue.REFERENCE_ONLY.label(), Optional.of(Finding.of(ReasonCode.W_MAIL_REFERENCE_ONLY, why)));
    }
}
