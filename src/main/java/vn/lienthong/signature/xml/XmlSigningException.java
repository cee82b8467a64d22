package vn.lienthong.signature.xml;

/** The package could not be signed: not an edXML package, already signed, or an unusable key. */
public class XmlSigningException extends Exception {
    public XmlSigningException(String message) {
        super(message);
    }

    public XmlSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
