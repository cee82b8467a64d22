package vn.lienthong.edxml;

import java.util.List;

/**
 * TraceHeaderList/Bussiness (sic, as on the wire): what kind of business package this is.
 * BussinessDocType: 0 new, 1 revocation (thu hồi, R5), 2 update (cập nhật), 3 replacement (thay thế).
 */
public record Business(String documentId, int docType, String reason, String paper, StaffInfo staffInfo,
                       List<String> receiverList, List<Replacement> replacements) {

    public static final int NEW = 0, REVOCATION = 1, UPDATE = 2, REPLACEMENT = 3;

    /** One ReplacementInfo: the document replaced and the organisations that received it. */
    public record Replacement(String documentId, List<String> organIds) { }
}
