package vn.lienthong.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import vn.lienthong.config.Env;
import vn.lienthong.config.Settings;

/**
 * The province's IT operators who may log in to the dashboard (R20: every access authenticated and
 * audited). Listed under {@code operators:} in the credentials file beside the agencies' credentials,
 * each with a PBKDF2 password hash, never the password:
 *
 * <pre>
 * operators:
 *   - username: operator
 *     name: Cán bộ vận hành (demo)
 *     password-hash: pbkdf2-sha256$600000$&lt;salt base64&gt;$&lt;hash base64&gt;
 *     token-sha256: &lt;SHA-256 hex of the operator token&gt;
 * </pre>
 *
 * Produce a hash with {@code bin/lienthong operator-hash}. The password opens the dashboard; the
 * token ({@code token} in clear for the demo, {@code token-sha256} in production) lets the command
 * line act on the running gateway ({@code bin/lienthong dlq ...}, see {@link Accounts#operatorForToken}).
 */
public final class Operators {
    public static final String ALGORITHM = "pbkdf2-sha256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked against when the username is unknown, so an unknown name takes as long as a wrong password. */
    private static final String DUMMY = hash("not-a-password".toCharArray(), 1000);

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Operator(String username, String name, String passwordHash, String token, String tokenSha256) {
        public Operator(String username, String name, String passwordHash) {
            this(username, name, passwordHash, null, null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record File(List<Operator> operators) { }

    private final Map<String, Operator> byName = new LinkedHashMap<>();

    public Operators(List<Operator> operators) {
        for (Operator o : operators) {
            if (o.username() == null || o.username().isBlank()
                    || (o.passwordHash() == null && o.token() == null && o.tokenSha256() == null)
                    || (o.passwordHash() != null && !o.passwordHash().startsWith(ALGORITHM + "$"))) {
                throw new IllegalArgumentException("operators: " + o.username() + " needs a username and a password-hash " + ALGORITHM
                        + "$… (bin/lienthong operator-hash) or a token");
            }
            if (o.passwordHash() != null) byName.put(o.username(), o);
        }
    }

    public static Operators load(Path file) throws IOException {
        if (file == null || !Files.exists(file)) return new Operators(List.of());
        File f = Settings.yaml().readValue(Env.expand(Files.readString(file)), File.class);
        return new Operators(f == null || f.operators() == null ? List.of() : f.operators());
    }

    /** The operator, when the password is right (constant-time comparison, same work for unknown names). */
    public Optional<Operator> check(String username, char[] password) {
        Operator o = username == null ? null : byName.get(username);
        boolean ok = verify(password == null ? new char[0] : password, o == null ? DUMMY : o.passwordHash());
        return o != null && ok ? Optional.of(o) : Optional.empty();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} of a password with a fresh random 16-byte salt. */
    public static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return ALGORITHM + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches a stored hash. */
    public static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) return false;
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }
}
