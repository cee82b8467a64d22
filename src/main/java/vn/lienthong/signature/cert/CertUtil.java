package vn.lienthong.signature.cert;

import java.io.IOException;
import java.security.Provider;
import java.security.Security;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import vn.lienthong.integrity.Sha256;

/** Small certificate helpers shared by the trust layer. */
public final class CertUtil {
    /** id-kp-OCSPSigning. */
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    private static final String[] KEY_USAGE_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private CertUtil() { }

    /** Registers Bouncy Castle once, at the end of the provider list (never first). */
    public static synchronized Provider bouncyCastle() {
        Provider p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (p == null) {
            p = new BouncyCastleProvider();
            Security.addProvider(p);
        }
        return p;
    }

    /** True when the certificate may sign documents: no key usage extension, or digitalSignature or nonRepudiation set. */
    public static boolean allowsSigning(X509Certificate c) {
        boolean[] ku = c.getKeyUsage();
        if (ku == null) return true;
        return (ku.length > 0 && ku[0]) || (ku.length > 1 && ku[1]);
    }

    /** The key usage bits set, by name, e.g. {@code [keyCertSign, cRLSign]}; "none" when the extension is absent. */
    public static String keyUsageText(X509Certificate c) {
        boolean[] ku = c.getKeyUsage();
        if (ku == null) return "(no key usage extension)";
        List<String> on = new ArrayList<>();
        for (int i = 0; i < ku.length && i < KEY_USAGE_NAMES.length; i++) if (ku[i]) on.add(KEY_USAGE_NAMES[i]);
        return on.toString();
    }

    public static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** True when {@code c} names {@code issuer} as its issuer and its signature verifies with the issuer's key. */
    public static boolean issuedBy(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) return false;
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** HTTP(S) OCSP responder URLs from the Authority Information Access extension. */
    public static List<String> ocspUrls(X509Certificate c) {
        List<String> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.authorityInfoAccess);
        if (v == null) return out;
        for (AccessDescription ad : AuthorityInformationAccess.getInstance(v).getAccessDescriptions()) {
            if (X509ObjectIdentifiers.id_ad_ocsp.equals(ad.getAccessMethod())) addHttp(out, ad.getAccessLocation());
        }
        return out;
    }

    /** HTTP(S) URLs of the CRL distribution points (LDAP and others are skipped). */
    public static List<String> crlUrls(X509Certificate c) {
        List<String> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.cRLDistributionPoints);
        if (v == null) return out;
        for (DistributionPoint dp : CRLDistPoint.getInstance(v).getDistributionPoints()) {
            DistributionPointName n = dp.getDistributionPoint();
            if (n == null || n.getType() != DistributionPointName.FULL_NAME) continue;
            for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) addHttp(out, g);
        }
        return out;
    }

    /** The certificate policy OIDs (dotted), empty when there is no certificate policies extension. */
    public static List<String> policyOids(X509Certificate c) {
        List<String> out = new ArrayList<>();
        ASN1Primitive v = extension(c, Extension.certificatePolicies);
        if (v == null) return out;
        for (PolicyInformation pi : CertificatePolicies.getInstance(v).getPolicyInformation()) {
            out.add(pi.getPolicyIdentifier().getId());
        }
        return out;
    }

    /** True when the extended key usage lists {@code oid}. */
    public static boolean hasExtendedKeyUsage(X509Certificate c, String oid) {
        try {
            List<String> eku = c.getExtendedKeyUsage();
            return eku != null && eku.contains(oid);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** Serial number in hex, upper case, as CAs print it. */
    public static String serialHex(X509Certificate c) {
        return c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /** SHA-256 of the encoded certificate, hex (for logs and cache keys). */
    public static String fingerprint(X509Certificate c) {
        try {
            return Sha256.hex(c.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addHttp(List<String> out, GeneralName g) {
        if (g.getTagNo() != GeneralName.uniformResourceIdentifier) return;
        String url = g.getName().toString().trim();
        String l = url.toLowerCase(Locale.ROOT);
        if (l.startsWith("http://") || l.startsWith("https://")) out.add(url);
    }

    private static ASN1Primitive extension(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        byte[] raw = c.getExtensionValue(oid.getId());
        if (raw == null) return null;
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
