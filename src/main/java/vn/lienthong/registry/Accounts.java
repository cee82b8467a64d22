package vn.lienthong.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.lienthong.config.Env;
import vn.lienthong.config.Settings;

/**
 * Each agency's own credentials for each adapter (R20): a REST API token, a national-axis system id
 * and HMAC secret. Read from a credentials file (the demo one is {@code config/demo-credentials.yaml};
 * in production a file outside the repository, named in gateway.yaml or by LIENTHONG_CREDENTIALS).
 * Tokens may be given in clear or as their SHA-256 ({@code rest-token-sha256}); they are compared as
 * hashes in constant time.
 */
public final class Accounts {
    private final Map<String, String> agencyByTokenHash = new LinkedHashMap<>();
    private final Map<String, Credential> bySystemId = new LinkedHashMap<>();
    private final Map<String, String> operatorByTokenHash = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Credential(String agency, String restToken, String restTokenSha256, String vdxpSystemId, String vdxpSecret) { }

    /** An IT operator of the gateway (dead letters, R18): a name for the audit log and a token (or its SHA-256). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Operator(String name, String token, String tokenSha256) { }

    record File(List<Credential> credentials, List<Operator> operators) { }

    public Accounts(List<Credential> credentials, AgencyRegistry registry) {
        for (Credential c : credentials) {
            if (!registry.contains(c.agency())) {
                throw new IllegalArgumentException("credentials: agency " + c.agency() + " is not in agencies.yaml");
            }
            String hash = c.restTokenSha256() != null ? c.restTokenSha256().toLowerCase() : c.restToken() == null ? null : sha256(c.restToken());
            if (hash != null) agencyByTokenHash.put(hash, c.agency());
            if (c.vdxpSystemId() != null) bySystemId.put(c.vdxpSystemId(), c);
        }
    }

    public static Accounts load(Path file, AgencyRegistry registry) throws IOException {
        if (file == null || !Files.exists(file)) return new Accounts(List.of(), registry);
        File f = Settings.yaml().readValue(Env.expand(Files.readString(file)), File.class);
        Accounts a = new Accounts(f == null || f.credentials() == null ? List.of() : f.credentials(), registry);
        if (f != null && f.operators() != null) {
            for (Operator o : f.operators()) {
                String hash = o.tokenSha256() != null ? o.tokenSha256().toLowerCase() : o.token() == null ? null : sha256(o.token());
                if (o.name() == null || hash == null) throw new IllegalArgumentException("credentials: an operator needs a name and a token");
                a.operatorByTokenHash.put(hash, o.name());
            }
        }
        return a;
    }

    /** The operator an admin token belongs to (compared as hashes in constant time). */
    public Optional<String> operatorForToken(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        byte[] given = sha256(token.strip()).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> e : operatorByTokenHash.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.US_ASCII))) found = e.getValue();
        }
        return Optional.ofNullable(found);
    }

    /** The agency a REST token belongs to. */
    public Optional<String> agencyForToken(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        byte[] given = sha256(token.strip()).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> e : agencyByTokenHash.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.US_ASCII))) found = e.getValue();
        }
        return Optional.ofNullable(found);
    }

    /** The HMAC secret of a national-axis system id. */
    public Optional<String> vdxpSecret(String systemId) {
        return Optional.ofNullable(bySystemId.get(systemId)).map(Credential::vdxpSecret);
    }

    /** The agency a national-axis system id belongs to. */
    public Optional<String> agencyForSystemId(String systemId) {
        return Optional.ofNullable(bySystemId.get(systemId)).map(Credential::agency);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
