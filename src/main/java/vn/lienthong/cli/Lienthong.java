package vn.lienthong.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlRefusedException;
import vn.lienthong.edxml.EdxmlSchemas;
import vn.lienthong.edxml.ReadResult;
import vn.lienthong.edxml.attachment.AttachmentInspector;
import vn.lienthong.pipeline.Gateway;
import vn.lienthong.pipeline.GatewayLayout;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.PackageValidator;

/** {@code bin/lienthong}: run the gateway, or check a package from the command line. */
@Command(name = "lienthong", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, subcommands = {Lienthong.Run.class, Lienthong.Validate.class, Lienthong.Verify.class, Lienthong.Sign.class, Lienthong.Trace.class,
        Send.class, Status.class, Agencies.class, ReportCommand.class, ConfigCommand.class, OperatorHash.class, DlqCommand.class},
        description = "Liên Thông Gateway: provincial interconnect axis for edXML documents.")
public final class Lienthong {

    /** Removes a command's scratch folder (unpacked attachments) and everything in it. */
    static void deleteTree(Path dir) throws java.io.IOException {
        try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Path home() {
        String h = System.getProperty("lienthong.home");
        return Path.of(h == null ? "." : h).toAbsolutePath().normalize();
    }

    @Command(name = "run", description = "Start the gateway (config/, routes/ and data/ under the installation directory).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", description = "configuration folder (default: config)") Path config;
        @Option(names = "--routes", description = "route files folder (default: routes)") Path routes;
        @Option(names = "--data", description = "data folder: database, broker journal, archive, agency folders (default: data)") Path data;

        @Override
        public Integer call() throws Exception {
            Gateway g = new Gateway(GatewayLayout.of(home(), config, routes, data)).start();
            g.awaitShutdown();
            return 0;
        }
    }

    @Command(name = "validate", description = "Run the package checks that do not depend on the agency registry; exit 0 valid, 2 refused.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .edxml package") Path file;
        @Option(names = "--config", description = "configuration folder (default: config)") Path config;

        @Override
        public Integer call() throws Exception {
            GatewayLayout layout = GatewayLayout.of(home(), config, null, null);
            Settings s = Settings.load(layout.config().resolve("gateway.yaml"));
            Path work = Files.createTempDirectory("lienthong-validate");
            try {
                EdxmlReader reader = new EdxmlReader(EdxmlLimits.withMaxPackageBytes(s.validation().maxPackageBytes()),
                        EdxmlSchemas.fromDirectory(layout.schemas()));
                ReadResult r = reader.read(file, work.resolve("attachments"));
                List<Finding> findings = new java.util.ArrayList<>(r.findings());
                findings.addAll(new PackageValidator(s.validation(), new AttachmentInspector()).validate(r.pkg(), work));
                System.out.println(file + ": " + r.pkg().kind() + ", " + r.size() + " bytes, sha256 " + r.sha256());
                for (Finding f : findings) System.out.println((f.isWarning() ? "  warning " : "  REFUSED ") + f.sentence());
                boolean refused = PackageValidator.refused(findings);
                System.out.println(refused ? "REFUSED / Từ chối" : "VALID / Hợp lệ");
                return refused ? 2 : 0;
            } catch (EdxmlRefusedException e) {
                System.out.println(file + ":");
                System.out.println("  REFUSED " + e.finding().sentence());
                System.out.println("REFUSED / Từ chối");
                return 2;
            } finally {
                deleteTree(work);
            }
        }
    }

    @Command(name = "verify", description = "Verify a package's signatures and certificates (R9); exit 0 signed and valid,"
            + " 1 reference-only (no verifiable signature), 2 refused.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .edxml package") Path file;
        @Option(names = "--trust", description = "trust anchors: a PEM file or a folder of them (default: from config/trust.yaml)") Path trust;
        @Option(names = "--config", description = "configuration folder (default: config)") Path config;

        @Override
        public Integer call() throws Exception {
            GatewayLayout layout = GatewayLayout.of(home(), config, null, null);
            Settings s = Settings.load(layout.config().resolve("gateway.yaml"));
            var service = vn.lienthong.signature.TrustService.fromConfig(layout.config(), trust);
            Path work = Files.createTempDirectory("lienthong-verify");
            try {
                EdxmlReader reader = new EdxmlReader(EdxmlLimits.withMaxPackageBytes(s.validation().maxPackageBytes()),
                        EdxmlSchemas.fromDirectory(layout.schemas()));
                ReadResult r = reader.read(file, work.resolve("attachments"));
                new PackageValidator(s.validation(), new AttachmentInspector()).validate(r.pkg(), work); // unpacks zipped attachments
                boolean digitised = r.pkg().business() != null && "1".equals(r.pkg().business().paper());
                var report = service.assess(file, r.pkg().signature() != null, work, digitised, java.time.Instant.now());
                System.out.println(file + ":");
                for (var signer : report.signers()) {
                    System.out.println("  " + signer.describe());
                    if (signer.signature().signingTime() != null) {
                        System.out.println("      signed at " + vn.lienthong.time.VietnamTime.iso(signer.signature().signingTime()));
                    }
                    if (signer.certificate() != null) {
                        for (String dn : signer.certificate().chain()) System.out.println("      chain: " + dn);
                    }
                }
                for (Finding f : report.reasons()) System.out.println((f.isWarning() ? "  warning " : "  REFUSED ") + f.sentence());
                System.out.println("legal value / giá trị pháp lý: " + report.legalValue().label());
                if (report.legalValue() == vn.lienthong.signature.LegalValue.REFUSED) return 2;
                return report.signers().stream().anyMatch(x -> x.valid()) ? 0 : 1;
            } catch (EdxmlRefusedException e) {
                System.out.println("  REFUSED " + e.finding().sentence());
                return 2;
            } finally {
                deleteTree(work);
            }
        }
    }

    @Command(name = "sign", description = "Sign a package with an organisation key (XML-DSig enveloped, RSA-SHA256, exclusive c14n).")
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the .edxml package") Path file;
        @Option(names = "--key", required = true, description = "PKCS#12 file with the key and its certificate chain") Path key;
        @Option(names = "--password-file", description = "file holding the PKCS#12 password (default: env LIENTHONG_KEY_PASSWORD)") Path passwordFile;
        @Option(names = "--out", required = true, description = "where to write the signed package") Path out;

        @Override
        public Integer call() throws Exception {
            String password = passwordFile != null ? Files.readString(passwordFile).strip()
                    : System.getenv().getOrDefault("LIENTHONG_KEY_PASSWORD", "");
            var keys = vn.lienthong.signature.xml.Pkcs12Keys.load(key, password.toCharArray());
            new vn.lienthong.signature.xml.XmlSigner().sign(file, out, keys.privateKey(), keys.chain(), java.time.Clock.systemUTC());
            System.out.println("signed by " + keys.chain().get(0).getSubjectX500Principal().getName() + " → " + out);
            return 0;
        }
    }

    @Command(name = "trace", description = "Print the send/receive history of a document (R16) from the tracking store.")
    static final class Trace implements Callable<Integer> {
        @Parameters(paramLabel = "DOCUMENT_ID", description = "the DocumentId, e.g. 000.00.13.H41-2026.1") String documentId;
        @Option(names = "--config", description = "configuration folder (default: config)") Path config;
        @Option(names = "--data", description = "data folder (default: data)") Path data;

        @Override
        public Integer call() throws Exception {
            GatewayLayout layout = GatewayLayout.of(home(), config, null, data);
            try (var store = Settings.load(layout.config().resolve("gateway.yaml")).database().open(layout.data())) {
                var events = new vn.lienthong.tracking.TraceQuery(store).of(documentId);
                if (events.isEmpty()) {
                    System.out.println("no document " + documentId + " in the tracking store");
                    return 1;
                }
                events.forEach(System.out::println);
                return 0;
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Lienthong()).execute(args));
    }
}
