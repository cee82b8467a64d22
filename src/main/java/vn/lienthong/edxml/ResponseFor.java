package vn.lienthong.edxml;

/** Reference to the document a status or reply is about (ResponseFor). R6. */
public record ResponseFor(String organId, String code, String promulgationDate, String documentId) {
    public boolean isEmpty() {
        return blank(organId) && blank(code) && blank(documentId) && blank(promulgationDate);
    }
    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
