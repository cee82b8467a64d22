package vn.lienthong.signature.pdf;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers the Bouncy Castle provider once, appended after the JDK providers (never first); callers ask for "BC" by name. */
final class BouncyCastle {
    static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

    private BouncyCastle() {}

    static synchronized String provider() {
        Provider p = Security.getProvider(PROVIDER);
        if (p == null) Security.addProvider(new BouncyCastleProvider());
        return PROVIDER;
    }
}
