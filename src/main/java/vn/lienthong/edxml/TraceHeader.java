package vn.lienthong.edxml;

/** One hop of the send/receive history (lịch sử gửi, nhận, R16): who relayed the package and when. */
public record TraceHeader(String organId, String timestamp) { }
