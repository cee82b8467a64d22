package vn.lienthong.signature.cert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import vn.lienthong.config.Env;
import vn.lienthong.config.Settings;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignerRole;

/**
 * The trust policy (R9), read from {@code config/trust.yaml} (kebab-case keys, every key has a
 * default, {@code ${ENV}} expanded like {@code gateway.yaml}).
 *
 * @param anchors    folder (or single file) of PEM/DER trust anchor certificates; a relative path is
 *                   resolved against the folder that holds {@code trust.yaml}. Default {@code trust-anchors}.
 * @param revocation how OCSP and CRL are used and what happens when they cannot be reached
 * @param allowSha1  SHA-1 signatures (documents and certificates) accepted, flagged W701; default false (E706)
 * @param roles      rules deciding whether a signer certificate is an organisation's or a person's
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TrustPolicy(String anchors, Revocation revocation, Boolean allowSha1, Roles roles) {

    public static final String FILE_NAME = "trust.yaml";
    public static final String DEFAULT_ANCHORS = "trust-anchors";

    /** What to do when the revocation status cannot be learnt (responder down, malformed or forged answer). */
    public enum RevocationMode {
        /** Record W707 and accept. */
        SOFT_FAIL("soft-fail"),
        /** Refuse with E707. */
        HARD_FAIL("hard-fail"),
        /** Do not check revocation at all. */
        OFF("off");

        private final String text;

        RevocationMode(String text) { this.text = text; }

        @JsonValue
        public String text() { return text; }

        @JsonCreator
        public static RevocationMode parse(String s) {
            String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            return switch (v) {
                case "soft-fail", "soft" -> SOFT_FAIL;
                case "hard-fail", "hard" -> HARD_FAIL;
                case "off", "false", "none", "no" -> OFF;    // YAML 1.1 reads a bare off as false
                default -> throw new IllegalArgumentException("revocation.mode must be soft-fail, hard-fail or off, not '" + s + "'");
            };
        }
    }

    /**
     * @param mode         soft-fail (default) | hard-fail | off
     * @param ocsp         ask the OCSP responder named in the certificate (AIA) first; default true
     * @param crl          use the CRL distribution points (when there is no OCSP URL or OCSP gave no answer); default true
     * @param cacheMinutes how long an OCSP answer or a CRL is reused; default 60
     * @param timeoutMs    connect and response timeout for each OCSP/CRL request; default 3000
     */
    public record Revocation(RevocationMode mode, Boolean ocsp, Boolean crl, Integer cacheMinutes, Integer timeoutMs) {
        public Revocation {
            mode = mode == null ? RevocationMode.SOFT_FAIL : mode;
            ocsp = ocsp == null || ocsp;
            crl = crl == null || crl;
            cacheMinutes = cacheMinutes == null ? 60 : cacheMinutes;
            timeoutMs = timeoutMs == null ? 3000 : timeoutMs;
            if (cacheMinutes < 0) throw new IllegalArgumentException("revocation.cache-minutes must be >= 0");
            if (timeoutMs <= 0) throw new IllegalArgumentException("revocation.timeout-ms must be > 0");
        }

        public static Revocation defaults() {
            return new Revocation(null, null, null, null, null);
        }
    }

    /** Organisation rules are evaluated first, then person; a certificate matching neither is UNKNOWN. */
    public record Roles(RoleRule organisation, RoleRule person) {
        public Roles {
            organisation = organisation == null ? RoleRule.defaultOrganisation() : organisation;
            person = person == null ? RoleRule.defaultPerson() : person;
        }

        public static Roles defaults() {
            return new Roles(null, null);
        }
    }

    /**
     * A certificate matches the rule when any one of these holds:
     * <ul>
     * <li>one attribute of its subject, written {@code NAME=value} or {@code OID=value}, begins with one
     *     of {@code subjectContains} (case-insensitive; e.g. {@code T=} matches any title, {@code UID=CCCD:}
     *     a citizen id, {@code 0.9.2342.19200300.100.1.1=MST:} a tax code);</li>
     * <li>it carries one of {@code policyOids} in its certificate policies;</li>
     * <li>{@code cnEqualsO} is true and its CN equals its O (case-insensitive, trimmed).</li>
     * </ul>
     */
    public record RoleRule(List<String> subjectContains, List<String> policyOids, Boolean cnEqualsO) {
        public RoleRule {
            subjectContains = subjectContains == null ? List.of() : List.copyOf(subjectContains);
            policyOids = policyOids == null ? List.of() : List.copyOf(policyOids);
            cnEqualsO = cnEqualsO != null && cnEqualsO;
        }

        public static RoleRule defaultOrganisation() {
            return new RoleRule(List.of("UID=MST:", "UID=MNS:"), List.of(), true);
        }

        public static RoleRule defaultPerson() {
            return new RoleRule(List.of("UID=CMND:", "UID=CCCD:", "UID=CMT:", "UID=HC:", "T="), List.of(), false);
        }

        public boolean matches(X509Certificate cert) {
            List<String> attrs = Dn.attributeForms(cert.getSubjectX500Principal());
            for (String want : subjectContains) {
                String w = want.toLowerCase(Locale.ROOT);
                if (w.isEmpty()) continue;
                for (String a : attrs) if (a.toLowerCase(Locale.ROOT).startsWith(w)) return true;
            }
            if (!policyOids.isEmpty()) {
                List<String> have = CertUtil.policyOids(cert);
                for (String oid : policyOids) if (have.contains(oid.trim())) return true;
            }
            if (cnEqualsO) {
                String cn = Dn.first(cert.getSubjectX500Principal(), "CN");
                String o = Dn.first(cert.getSubjectX500Principal(), "O");
                if (cn != null && o != null && !cn.isBlank() && cn.trim().equalsIgnoreCase(o.trim())) return true;
            }
            return false;
        }
    }

    public TrustPolicy {
        anchors = anchors == null || anchors.isBlank() ? DEFAULT_ANCHORS : anchors;
        revocation = revocation == null ? Revocation.defaults() : revocation;
        allowSha1 = allowSha1 != null && allowSha1;
        roles = roles == null ? Roles.defaults() : roles;
    }

    public static TrustPolicy defaults() {
        return new TrustPolicy(null, null, null, null);
    }

    /** Reads the policy file; a missing file means the defaults. */
    public static TrustPolicy load(Path file) throws IOException {
        if (!Files.exists(file)) return defaults();
        String text = Env.expand(Files.readString(file));
        TrustPolicy p = Settings.yaml().readValue(text, TrustPolicy.class);
        return p == null ? defaults() : p;
    }

    /** Reads {@code trust.yaml} from the config folder (defaults if absent). */
    public static TrustPolicy loadFrom(Path configDir) throws IOException {
        return load(configDir.resolve(FILE_NAME));
    }

    /** A copy with another revocation section. */
    public TrustPolicy withRevocation(Revocation r) {
        return new TrustPolicy(anchors, r, allowSha1, roles);
    }

    /** The anchors folder (or file), resolved against the config folder. */
    public Path anchorsPath(Path configDir) {
        Path p = Path.of(anchors);
        return p.isAbsolute() ? p : configDir.resolve(p).normalize();
    }

    /** The anchor certificates found under {@link #anchorsPath}; empty if the folder does not exist. */
    public List<X509Certificate> loadAnchors(Path configDir) throws IOException {
        return readCertificates(anchorsPath(configDir));
    }

    /** The algorithm policy matching {@code allow-sha1}. */
    public AlgorithmPolicy algorithms() {
        return new AlgorithmPolicy(allowSha1);
    }

    /** Organisation rules first, then person, else UNKNOWN. */
    public SignerRole roleOf(X509Certificate cert) {
        if (roles.organisation().matches(cert)) return SignerRole.ORGANISATION;
        if (roles.person().matches(cert)) return SignerRole.PERSON;
        return SignerRole.UNKNOWN;
    }

    /**
     * Every certificate in a file, or in the files of a folder ending in .pem, .crt, .cer or .der
     * (PEM with one or several certificates, or DER). A missing path gives an empty list.
     */
    public static List<X509Certificate> readCertificates(Path fileOrFolder) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (!Files.exists(fileOrFolder)) return out;
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.list(fileOrFolder)) {
                files = s.filter(Files::isRegularFile).filter(f -> {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der");
                }).sorted().toList();
            }
        } else {
            files = List.of(fileOrFolder);
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (Certificate c : cf.generateCertificates(in)) out.add((X509Certificate) c);
                } catch (CertificateException e) {
                    throw new IOException("not a certificate file: " + f + ": " + e.getMessage(), e);
                }
            }
        } catch (CertificateException e) {
            throw new IOException(e);
        }
        return out;
    }
}
