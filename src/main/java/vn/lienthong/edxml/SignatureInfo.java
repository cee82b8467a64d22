package vn.lienthong.edxml;

/**
 * What the reader saw of the envelope's Signature element. Verification is the trust layer's job;
 * the reader only records where it was and in which namespace.
 */
public record SignatureInfo(String namespace, String signatureMethod) {
    public static final String XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    public boolean isStandardXmlDsig() { return XMLDSIG_NS.equals(namespace); }
}
