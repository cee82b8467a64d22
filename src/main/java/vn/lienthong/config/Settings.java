package vn.lienthong.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's settings, read from {@code config/gateway.yaml} (kebab-case keys). Every key has a
 * default, so a missing file or key means the embedded demo setup. {@code ${ENV_NAME}} in a value
 * is replaced by that environment variable (secrets stay out of the file).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Settings(Gateway gateway, Database database, Broker broker, Validation validation, Signing signing, Http http,
                       Accounts accounts, Mail mail, Operations operations, Observe observe, Axis axis, Soap soap) {

    /**
     * Operations (IT staff): a document that sits at a receiver in a non-final status (queued, 01,
     * 03, 04, 05 — see {@link vn.lienthong.status.StatusMachine#isFinal}) longer than {@code stuckAfter}
     * is reported as stuck, checked every {@code checkEvery}; a dashboard login lasts {@code sessionTimeout}.
     */
    public record Operations(java.time.Duration stuckAfter, java.time.Duration checkEvery, java.time.Duration sessionTimeout) {
        public Operations {
            stuckAfter = stuckAfter == null ? java.time.Duration.ofHours(24) : stuckAfter;
            checkEvery = checkEvery == null ? java.time.Duration.ofHours(1) : checkEvery;
            sessionTimeout = sessionTimeout == null ? java.time.Duration.ofHours(8) : sessionTimeout;
        }
    }

    /**
     * Monitoring (README, "Monitoring: metrics, health and logs"): {@code /observe/metrics} (Prometheus
     * text) and {@code /observe/health[/live|/ready]} on the HTTP port, and the log format
     * ({@code text} or {@code json}, one JSON object per line).
     */
    public record Observe(Boolean metrics, Boolean health, String logFormat) {
        public Observe {
            metrics = metrics == null || metrics;
            health = health == null || health;
            logFormat = logFormat == null || logFormat.isBlank() ? "text" : logFormat.trim();
        }
    }

    /**
     * The national axis (Trục liên thông văn bản quốc gia, R23) and store-and-forward to it (R18).
     * A province sets {@code endpoint}, {@code systemId}, {@code secret}: packages for receivers that are
     * not in agencies.yaml go there, and documents and statuses for the province are polled from it.
     * A gateway acting as the national axis (or as a hub of several provinces) lists its {@code members}:
     * the provincial gateways it serves and the province codes (last part of an organisation id, e.g.
     * {@code H41}) each one owns. Retries: {@code retryInitialMs}, times {@code retryMultiplier} after each
     * failure, at most {@code retryMaxMs}, each spread by ±{@code retryJitter}; after {@code maxAttempts}
     * the package is dead-lettered.
     */
    public record Axis(String endpoint, String systemId, String secret, Integer connectTimeoutMs, Integer requestTimeoutMs,
                       Long pollMs, Long retryInitialMs, Double retryMultiplier, Long retryMaxMs, Double retryJitter,
                       Integer maxAttempts, List<Member> members) {
        public Axis {
            endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
            connectTimeoutMs = connectTimeoutMs == null ? 5000 : connectTimeoutMs;
            requestTimeoutMs = requestTimeoutMs == null ? 30_000 : requestTimeoutMs;
            pollMs = pollMs == null ? 5000L : pollMs;
            retryInitialMs = retryInitialMs == null ? 1000L : retryInitialMs;
            retryMultiplier = retryMultiplier == null ? 2.0 : retryMultiplier;
            retryMaxMs = retryMaxMs == null ? 300_000L : retryMaxMs;
            retryJitter = retryJitter == null ? 0.2 : retryJitter;
            maxAttempts = maxAttempts == null ? 20 : maxAttempts;
            members = members == null ? List.of() : members;
        }

        /** Whether this province is connected to a national axis. */
        public boolean enabled() {
            return endpoint != null;
        }

        /** A provincial gateway served by this one (national role), with the province codes it owns. */
        public record Member(String gateway, List<String> provinces) {
            public Member {
                provinces = provinces == null ? List.of() : provinces;
            }
        }
    }

    /**
     * The SOAP adapter (WSDL {@code schemas/soap/lienthong.wsdl}) on a port of its own: for agency
     * systems that only speak SOAP. Served at {@code http://host:port/path}, the WSDL at {@code ?wsdl}.
     */
    public record Soap(Boolean enabled, Integer port, String host, String path) {
        public Soap {
            enabled = enabled == null || enabled;
            port = port == null ? 8081 : port;
            host = host == null ? "0.0.0.0" : host;
            path = path == null ? "/soap/lienthong" : path.startsWith("/") ? path : "/" + path;
        }
    }

    /**
     * The e-mail adapter (R15): the SMTP server the gateway sends through (deliveries to mail-only
     * agencies, answers to refused mail), its From address, and the province's own mail relays (mail
     * that came through them is known not to be forged), and whether mail-borne documents keep their
     * legal value ({@code legalValue}: signed-pdf | relay-and-signed-pdf | never, see MailLegalPolicy).
     */
    public record Mail(String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword, String from, List<String> relayHosts,
                       String legalValue) {
        public Mail {
            legalValue = legalValue == null || legalValue.isBlank() ? "signed-pdf" : legalValue;
            smtpPort = smtpPort == null ? 25 : smtpPort;
            from = from == null ? "truclienthong@localhost" : from;
            relayHosts = relayHosts == null ? List.of() : relayHosts;
        }
    }

    /** Where the agencies' credentials are (R20): a file, relative to the config folder; best outside the repository. */
    public record Accounts(String credentials) {
        public Accounts {
            credentials = credentials == null ? "demo-credentials.yaml" : credentials;
        }
    }

    /** The one HTTP port of the gateway's web side (REST adapter under /api/v1, national-axis API under /vdxp). */
    public record Http(Boolean enabled, Integer port, String host, Tls tls) {
        public Http {
            enabled = enabled == null || enabled;
            port = port == null ? 8080 : port;
            host = host == null ? "0.0.0.0" : host;
            tls = tls == null ? new Tls(null, null, null, null, null, null, null, null, null) : tls;
        }

        public Http(Boolean enabled, Integer port, String host) {
            this(enabled, port, host, null);
        }
    }

    /**
     * HTTPS on the gateway's HTTP port (R20: client-certificate authentication). Off without a keystore.
     * {@code keystore}/{@code truststore}: PKCS#12 (or JKS) files relative to the config folder; passwords
     * as {@code ${ENV}} or in a file ({@code *-password-file}, relative to the config folder). The
     * truststore holds the agencies' CAs or the agencies' certificates themselves; {@code clientAuth}:
     * {@code none}, {@code request} (a certificate is asked for, a token still works) or {@code require}.
     */
    public record Tls(String keystore, String keystorePassword, String keystorePasswordFile, String keystoreType,
                      String truststore, String truststorePassword, String truststorePasswordFile, String truststoreType,
                      String clientAuth) {
        public Tls {
            keystoreType = keystoreType == null ? "PKCS12" : keystoreType;
            truststoreType = truststoreType == null ? "PKCS12" : truststoreType;
            clientAuth = clientAuth == null ? "none" : clientAuth.strip().toLowerCase(java.util.Locale.ROOT);
            if (!List.of("none", "request", "require").contains(clientAuth)) {
                throw new IllegalArgumentException("http.tls.client-auth must be none, request or require, not " + clientAuth);
            }
        }

        public boolean enabled() {
            return keystore != null && !keystore.isBlank();
        }
    }

    /**
     * The gateway's organisation key (R9 item: signing for agencies that cannot sign): a PKCS#12 file
     * (relative to the config folder) and its password, best given as {@code ${LIENTHONG_SIGNING_PASSWORD}}.
     * Without a key the gateway signs nothing.
     */
    public record Signing(String key, String password) {
        public boolean enabled() {
            return key != null && !key.isBlank();
        }
    }

    /** This axis itself: its organisation id (written in trace headers and status packets). */
    public record Gateway(String organId, String name) {
        public Gateway {
            organId = organId == null ? "000.00.99.H41" : organId;
            name = name == null ? "Trục liên thông văn bản tỉnh" : name;
        }
    }

    /** JDBC store; {@code url} empty means the H2 file database under the data directory. */
    public record Database(String url, String user, String password, Integer poolSize) {
        public Database {
            user = user == null ? "sa" : user;
            password = password == null ? "" : password;
            poolSize = poolSize == null ? 8 : poolSize;
        }

        /** The JDBC URL: the configured one, or the H2 file database under the data directory. */
        public String jdbcUrl(java.nio.file.Path dataDir) {
            return url == null || url.isBlank() ? vn.lienthong.tracking.TrackingStore.h2Url(dataDir) : url;
        }

        public vn.lienthong.tracking.TrackingStore open(java.nio.file.Path dataDir) {
            return new vn.lienthong.tracking.TrackingStore(jdbcUrl(dataDir), user, password, poolSize);
        }
    }

    /**
     * Artemis: embedded (journal under the data directory) or an external broker by URL.
     * Redelivery: a failed delivery is retried after {@code redeliveryDelayMs}, multiplied each
     * time, at most {@code maxDeliveryAttempts} times, then parked on the dead-letter address.
     */
    public record Broker(Boolean embedded, String url, String user, String password, Long redeliveryDelayMs,
                         Double redeliveryMultiplier, Long maxRedeliveryDelayMs, Integer maxDeliveryAttempts,
                         Integer consumers) {
        public Broker {
            embedded = embedded == null || embedded;
            url = url == null ? "vm://0" : url;
            redeliveryDelayMs = redeliveryDelayMs == null ? 500L : redeliveryDelayMs;
            redeliveryMultiplier = redeliveryMultiplier == null ? 2.0 : redeliveryMultiplier;
            maxRedeliveryDelayMs = maxRedeliveryDelayMs == null ? 60_000L : maxRedeliveryDelayMs;
            maxDeliveryAttempts = maxDeliveryAttempts == null ? 6 : maxDeliveryAttempts;
            consumers = consumers == null ? 4 : consumers;
        }
    }

    /**
     * Package checks. {@code relayedIds}: {@code warn} records non-standard organisation and
     * document ids of relayed packages as warnings, {@code strict} refuses them (R2).
     * {@code secretMarkers}: a package whose field equals (or starts with) one of the values is a
     * state-secret document and is refused (R14).
     */
    public record Validation(String relayedIds, List<SecretMarker> secretMarkers, Long maxPackageBytes,
                             Boolean requireAttachment) {
        public Validation {
            relayedIds = relayedIds == null ? "warn" : relayedIds;
            secretMarkers = secretMarkers == null ? List.of(
                    new SecretMarker("OtherInfo/SphereOfPromulgation", List.of("Mật", "Tối mật", "Tuyệt mật"), List.of()),
                    new SecretMarker("Subject", List.of(), List.of("MẬT:", "[MẬT]", "TỐI MẬT", "TUYỆT MẬT")))
                    : secretMarkers;
            maxPackageBytes = maxPackageBytes == null ? 512L * 1024 * 1024 : maxPackageBytes;
            requireAttachment = requireAttachment == null || requireAttachment;
        }
    }

    /** One configurable secret marker (R14): a field path in MessageHeader and the values that mark secrecy. */
    public record SecretMarker(String field, List<String> equals, List<String> startsWith) {
        public SecretMarker {
            equals = equals == null ? List.of() : equals;
            startsWith = startsWith == null ? List.of() : startsWith;
        }
    }

    public Settings {
        gateway = gateway == null ? new Gateway(null, null) : gateway;
        database = database == null ? new Database(null, null, null, null) : database;
        broker = broker == null ? new Broker(null, null, null, null, null, null, null, null, null) : broker;
        validation = validation == null ? new Validation(null, null, null, null) : validation;
        signing = signing == null ? new Signing(null, null) : signing;
        http = http == null ? new Http(null, null, null) : http;
        accounts = accounts == null ? new Accounts(null) : accounts;
        mail = mail == null ? new Mail(null, null, null, null, null, null, null) : mail;
        operations = operations == null ? new Operations(null, null, null) : operations;
        observe = observe == null ? new Observe(null, null, null) : observe;
        axis = axis == null ? new Axis(null, null, null, null, null, null, null, null, null, null, null, null) : axis;
        soap = soap == null ? new Soap(null, null, null, null) : soap;
    }

    public static Settings defaults() {
        return new Settings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Settings load(Path file) throws IOException {
        if (!Files.exists(file)) return defaults();
        String text = Env.expand(Files.readString(file));
        Settings s = yaml().readValue(text, Settings.class);
        return s == null ? defaults() : s;
    }

    public static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .findAndRegisterModules();
    }
}
