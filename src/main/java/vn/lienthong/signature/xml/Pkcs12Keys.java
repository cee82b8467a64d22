package vn.lienthong.signature.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain (signer first) from a PKCS#12 file, such as the
 * organisation key in {@code config/}. Read with the JDK's own PKCS#12 support (PBES2/AES files as
 * written by OpenSSL 3 and the legacy 3DES/RC2 ones alike).
 */
public record Pkcs12Keys(String alias, PrivateKey privateKey, List<X509Certificate> chain) {

    public Pkcs12Keys {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("empty certificate chain");
    }

    /** The signer certificate (first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Loads the first private-key entry (in alias order) of the file. The key entry's password is the
     * store password, as tools write it.
     *
     * @throws IOException              the file cannot be read, or the password is wrong
     * @throws GeneralSecurityException the file holds no private key with an X.509 chain
     */
    public static Pkcs12Keys load(Path p12, char[] password) throws IOException, GeneralSecurityException {
        return load(p12, password, null);
    }

    /** As {@link #load(Path, char[])}, choosing the entry by alias (null: the first key entry). */
    public static Pkcs12Keys load(Path p12, char[] password, String alias) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, password);
        }
        List<String> aliases = alias != null ? List.of(alias) : sorted(ks);
        for (String a : aliases) {
            if (!ks.isKeyEntry(a)) continue;
            Key key = ks.getKey(a, password);
            if (!(key instanceof PrivateKey pk)) continue;
            Certificate[] certs = ks.getCertificateChain(a);
            if (certs == null || certs.length == 0) {
                throw new GeneralSecurityException("key entry '" + a + "' in " + p12 + " has no certificate chain");
            }
            List<X509Certificate> chain = new ArrayList<>(certs.length);
            for (Certificate c : certs) {
                if (!(c instanceof X509Certificate x)) throw new GeneralSecurityException("non-X.509 certificate in " + p12);
                chain.add(x);
            }
            return new Pkcs12Keys(a, pk, chain);
        }
        throw new GeneralSecurityException("no private key entry" + (alias == null ? "" : " '" + alias + "'") + " in " + p12);
    }

    private static List<String> sorted(KeyStore ks) throws GeneralSecurityException {
        List<String> out = Collections.list(ks.aliases());
        Collections.sort(out);
        return out;
    }
}
