package vn.lienthong.edxml;

/**
 * Limits the reader enforces on hostile input: whole package size, element depth, length of any
 * header field, and number of attachments. Entity expansion cannot happen: DTDs are refused.
 */
public record EdxmlLimits(long maxPackageBytes, int maxDepth, int maxFieldChars, int maxAttachments) {
    public static EdxmlLimits defaults() {
        return new EdxmlLimits(512L * 1024 * 1024, 40, 64 * 1024, 200);
    }

    /** The defaults with another package size limit (the one setting IT staff change). */
    public static EdxmlLimits withMaxPackageBytes(long maxPackageBytes) {
        EdxmlLimits d = defaults();
        return new EdxmlLimits(maxPackageBytes, d.maxDepth(), d.maxFieldChars(), d.maxAttachments());
    }
}
