package vn.lienthong.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
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
    private volatile Map<String, String> agencyByTokenHash = new LinkedHashMap<>();
    private volatile Map<String, Credential> bySystemId = new LinkedHashMap<>();
    private volatile Map<String, String> agencyByCertFingerprint = new LinkedHashMap<>();
    private volatile Map<javax.security.auth.x500.X500Principal, String> agencyByCertSubject = new LinkedHashMap<>();
    private volatile Map<String, String> operatorByTokenHash = new LinkedHashMap<>();

    /**
     * @param clientCertificates TLS client certificates that authenticate the agency on the REST adapter without a token:
     *                           each the certificate's SHA-256 fingerprint (hex, colons optional, e.g. {@code SHA256:AB:CD:…})
     *                           or its subject DN ({@code CN=…, O=…, C=VN}); the certificate must also chain to the
     *                           gateway's TLS truststore
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Credential(String agency, String restToken, String restTokenSha256, String vdxpSystemId, String vdxpSecret,
                             List<String> clientCertificates) {
        public Credential(String agency, String restToken, String restTokenSha256, String vdxpSystemId, String vdxpSecret) {
            this(agency, restToken, restTokenSha256, vdxpSystemId, vdxpSecret, null);
        }
    }

    /** The file; its {@code operators} are IT staff (dashboard login, operator token): see {@link Operators}. */
    record File(List<Credential> credentials, List<Operators.Operator> operators) { }

    public Accounts(List<Credential> credentials, AgencyRegistry registry) {
        for (Credential c : credentials) {
            if (!registry.contains(c.agency())) {
                throw new IllegalArgumentException("credentials: agency " + c.agency() + " is not in agencies.yaml");
            }
            String hash = tokenHash(c.restToken(), c.restTokenSha256());
            if (hash != null) agencyByTokenHash.put(hash, c.agency());
            if (c.vdxpSystemId() != null) bySystemId.put(c.vdxpSystemId(), c);
            for (String cert : c.clientCertificates() == null ? List.<String>of() : c.clientCertificates()) {
                String fp = fingerprintForm(cert);
                String other = fp != null ? agencyByCertFingerprint.put(fp, c.agency())
                        : agencyByCertSubject.put(subject(cert, c.agency()), c.agency());
                if (other != null && !other.equals(c.agency())) {
                    throw new IllegalArgumentException("credentials: client certificate " + cert + " is given to both " + other + " and " + c.agency());
                }
            }
        }
    }

    /**
     * Reads the credentials file again (an agency added while the gateway runs gets its token and
     * secret at once); a file that does not load changes nothing and the exception says why.
     */
    public void reload(Path file, AgencyRegistry registry) throws IOException {
        Accounts fresh = load(file, registry);
        agencyByTokenHash = fresh.agencyByTokenHash;
        bySystemId = fresh.bySystemId;
        agencyByCertFingerprint = fresh.agencyByCertFingerprint;
        agencyByCertSubject = fresh.agencyByCertSubject;
        operatorByTokenHash = fresh.operatorByTokenHash;
    }

    public static Accounts load(Path file, AgencyRegistry registry) throws IOException {
        if (file == null || !Files.exists(file)) return new Accounts(List.of(), registry);
        File f = Settings.yaml().readValue(Env.expand(Files.readString(file)), File.class);
        Accounts a = new Accounts(f == null || f.credentials() == null ? List.of() : f.credentials(), registry);
        if (f != null && f.operators() != null) {
            for (Operators.Operator o : f.operators()) {
                String hash = tokenHash(o.token(), o.tokenSha256());
                if (hash != null) a.operatorByTokenHash.put(hash, o.username());
            }
        }
        return a;
    }

    /** The operator an admin token belongs to (compared as hashes in constant time). */
    public Optional<String> operatorForToken(String token) {
        return owner(operatorByTokenHash, token);
    }

    /** The agency a REST token belongs to (compared as hashes in constant time). */
    public Optional<String> agencyForToken(String token) {
        return owner(agencyByTokenHash, token);
    }

    /** Whose token this is: every stored hash is compared, so the time taken does not tell which one matched. */
    private static Optional<String> owner(Map<String, String> byTokenHash, String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        byte[] given = sha256(token.strip()).getBytes(StandardCharsets.US_ASCII);
        String found = null;
        for (Map.Entry<String, String> e : byTokenHash.entrySet()) {
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

    /**
     * The agency a TLS client certificate (already verified against the gateway's truststore) belongs to (R20): by its SHA-256
     * fingerprint, else by its subject DN.
     */
    public Optional<String> agencyForCertificate(java.security.cert.X509Certificate cert) {
        if (cert == null) return Optional.empty();
        String byFingerprint = agencyByCertFingerprint.get(fingerprint(cert));
        return Optional.ofNullable(byFingerprint != null ? byFingerprint : agencyByCertSubject.get(cert.getSubjectX500Principal()));
    }

    /** The certificate's SHA-256 fingerprint, lower-case hex without separators. */
    public static String fingerprint(java.security.cert.X509Certificate cert) {
        try {
            return vn.lienthong.integrity.Sha256.hex(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configured fingerprint in canonical form, or null if the entry is not a fingerprint (then it is a subject DN). */
    static String fingerprintForm(String entry) {
        String s = entry.strip().replaceFirst("(?i)^sha-?256[:=]?\\s*", "").replace(":", "").replace(" ", "").toLowerCase();
        return s.matches("[0-9a-f]{64}") ? s : null;
    }

    private static javax.security.auth.x500.X500Principal subject(String dn, String agency) {
        try {
            return new javax.security.auth.x500.X500Principal(dn.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials: client certificate of " + agency + " is neither a SHA-256 fingerprint nor a DN: " + dn);
        }
    }

    /** The stored form of a configured token: its SHA-256 given as such, else the hash of the clear token; null if neither. */
    private static String tokenHash(String clear, String sha256) {
        return sha256 != null ? sha256.toLowerCase() : clear == null ? null : sha256(clear);
    }

    static String sha256(String s) {
        return vn.lienthong.integrity.Sha256.hex(s);
    }
}
