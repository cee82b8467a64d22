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
                       Accounts accounts, Mail mail, Soap soap) {

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
     * that came through them is known not to be forged).
     */
    public record Mail(String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword, String from, List<String> relayHosts) {
        public Mail {
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
    public record Http(Boolean enabled, Integer port, String host) {
        public Http {
            enabled = enabled == null || enabled;
            port = port == null ? 8080 : port;
            host = host == null ? "0.0.0.0" : host;
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
        mail = mail == null ? new Mail(null, null, null, null, null, null) : mail;
        soap = soap == null ? new Soap(null, null, null, null) : soap;
    }

    public static Settings defaults() {
        return new Settings(null, null, null, null, null, null, null, null, null);
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
