package vn.lienthong.signature.cert;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names as people read them: most specific first ({@code CN=..., T=..., O=..., C=VN}),
 * short names for the usual attributes (CN, T, O, OU, L, ST, C, UID, SERIALNUMBER, E, ...), dotted
 * OIDs otherwise, and values decoded as text (Vietnamese kept as is, not hex as in RFC 2253 for
 * {@code T=}).
 */
public final class Dn {
    private Dn() { }

    /** The whole name, e.g. {@code CN=Nguyễn Văn An, T=Giám đốc, O=Sở TT&TT, C=VN}. */
    public static String of(X500Principal name) {
        List<String> parts = new ArrayList<>();
        for (Attr a : attrs(name)) parts.add(a.shortName + "=" + escape(a.value));
        return String.join(", ", parts);
    }

    /**
     * Every attribute of the name written twice, {@code SHORT=value} and {@code OID=value}
     * (e.g. {@code T=Giám đốc} and {@code 2.5.4.12=Giám đốc}), most specific first. Used for the role rules.
     */
    public static List<String> attributeForms(X500Principal name) {
        List<String> out = new ArrayList<>();
        for (Attr a : attrs(name)) {
            out.add(a.shortName + "=" + a.value);
            if (!a.shortName.equals(a.oid)) out.add(a.oid + "=" + a.value);
        }
        return out;
    }

    /** The value of the first attribute with that short name (e.g. {@code CN}), or null. */
    public static String first(X500Principal name, String shortName) {
        for (Attr a : attrs(name)) if (a.shortName.equalsIgnoreCase(shortName)) return a.value;
        return null;
    }

    private record Attr(String oid, String shortName, String value) { }

    private static List<Attr> attrs(X500Principal name) {
        X500Name x = X500Name.getInstance(name.getEncoded());
        RDN[] rdns = x.getRDNs();
        List<Attr> out = new ArrayList<>();
        for (int i = rdns.length - 1; i >= 0; i--) {           // encoded most general first: reverse
            for (AttributeTypeAndValue tv : rdns[i].getTypesAndValues()) {
                String oid = tv.getType().getId();
                String shortName = BCStyle.INSTANCE.oidToDisplayName(tv.getType());
                out.add(new Attr(oid, shortName == null ? oid : shortName, text(tv.getValue())));
            }
        }
        return out;
    }

    private static String text(ASN1Encodable v) {
        if (v instanceof ASN1String s) return s.getString();
        try {
            return "#" + HexFormat.of().formatHex(v.toASN1Primitive().getEncoded());
        } catch (java.io.IOException e) {
            return v.toString();
        }
    }

    private static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            if (c == ',' || c == '+' || c == '"' || c == '\\' || c == ';' || c == '<' || c == '>') b.append('\\');
            b.append(c);
        }
        return b.toString();
    }
}
