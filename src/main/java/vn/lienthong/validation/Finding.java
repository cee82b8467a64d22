package vn.lienthong.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One problem found in a package: a stable {@link ReasonCode} plus the detail that tells the
 * clerk exactly where (field, line, attachment name).
 */
public record Finding(ReasonCode reason, String detail) {

    public static Finding of(ReasonCode reason, String detail) {
        return new Finding(reason, detail);
    }

    @JsonIgnore
    public boolean isWarning() { return reason.isWarning(); }

    /** The sentence a clerk reads: Vietnamese, then English, then the detail. */
    @JsonIgnore
    public String sentence() {
        String d = detail == null || detail.isBlank() ? "" : ": " + detail;
        return reason.code() + " " + reason.vietnamese() + " / " + reason.english() + d;
    }

    @Override
    public String toString() { return sentence(); }
}
