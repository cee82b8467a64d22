package vn.lienthong.edxml;

import vn.lienthong.validation.Finding;

/** The packet cannot be read at all (not XML, DTD, too deep, too large ...): refused with a reason. */
public class EdxmlRefusedException extends Exception {
    private final transient Finding finding;

    public EdxmlRefusedException(Finding finding) {
        super(finding.sentence());
        this.finding = finding;
    }

    public Finding finding() { return finding; }
}
