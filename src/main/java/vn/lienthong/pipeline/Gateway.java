package vn.lienthong.pipeline;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;
import vn.lienthong.adapter.file.FileAdapter;
import vn.lienthong.adapter.soap.SoapAdapter;
import vn.lienthong.broker.EmbeddedBroker;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlSchemas;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.attachment.AttachmentInspector;
import vn.lienthong.flow.Delivery;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Recorder;
import vn.lienthong.flow.StatusPackets;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.signature.TrustService;
import vn.lienthong.time.ReceiptRules;
import vn.lienthong.time.WorkingCalendar;
import vn.lienthong.tracking.PackageArchive;
import vn.lienthong.tracking.TrackingStore;
import vn.lienthong.validation.PackageValidator;

/**
 * Assembles and runs the gateway: broker, tracking store, the core services, and Camel Main with
 * the YAML routes of {@code routes/} (templates first, then the pipeline and agency files).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private final GatewayLayout layout;
    private final Settings settings;
    private EmbeddedBroker broker;
    private TrackingStore store;
    private CachingConnectionFactory connections;
    private CachingConnectionFactory priorityConnections;
    private AxisSteps axis;
    private Main main;
    private final vn.lienthong.observe.Readiness readiness = new vn.lienthong.observe.Readiness();
    private SoapAdapter soap;

    public Gateway(GatewayLayout layout) throws Exception {
        this.layout = layout;
        this.settings = Settings.load(layout.config().resolve("gateway.yaml"));
    }

    public Gateway start() throws Exception {
        long t0 = System.nanoTime();
        vn.lienthong.observe.LogFormat.apply(settings.observe().logFormat());
        Files.createDirectories(layout.data());
        soap = new SoapAdapter(settings.soap(), Integer.getInteger("lienthong.soap.port", settings.soap().port()), layout.schemas(),
                settings.validation().maxPackageBytes());
        Clock clock = Clock.systemUTC();
        AgencyRegistry registry = AgencyRegistry.load(layout.config().resolve("agencies.yaml"));
        WorkingCalendar calendar = WorkingCalendar.load(layout.config().resolve("calendar.yaml"));
        if (settings.broker().embedded()) {
            broker = new EmbeddedBroker(layout.data().resolve("broker"), settings.broker());
            broker.start();
        }
        store = settings.database().open(layout.data());
        // monitoring (README "Monitoring"): meters, event log lines, readiness of broker, database, national axis
        Monitoring monitoring = new Monitoring(settings, registry, broker, store, readiness);
        vn.lienthong.observe.Events events = monitoring.events();

        EdxmlReader reader = new EdxmlReader(EdxmlLimits.withMaxPackageBytes(settings.validation().maxPackageBytes()),
                EdxmlSchemas.fromDirectory(layout.schemas()));
        PackageValidator validator = new PackageValidator(settings.validation(), new AttachmentInspector(AttachmentInspector.Limits.defaults()));
        Organization self = Organization.ofId(settings.gateway().organId(), settings.gateway().name());
        StatusPackets statuses = new StatusPackets(registry, self, clock);
        PackageArchive archive = new PackageArchive(layout.data().resolve("archive"));
        Intake intake = new Intake(reader, validator, TrustService.fromConfig(layout.config(), null).observedBy(events), registry,
                new ReceiptRules(calendar), archive, layout.data().resolve("work"), clock)
                .observedBy(events);
        if (settings.signing().enabled()) {
            var keys = vn.lienthong.signature.xml.Pkcs12Keys.load(layout.config().resolve(settings.signing().key()),
                    settings.signing().password() == null ? new char[0] : settings.signing().password().toCharArray());
            Intake.GatewaySigner gatewaySigner = new Intake.GatewaySigner(keys.privateKey(), keys.chain());
            intake.signingFor(gatewaySigner);
            statuses.signingWith(gatewaySigner);
            LOG.info("signing for agencies that cannot sign as {}", keys.chain().get(0).getSubjectX500Principal().getName());
        }

        ActiveMQConnectionFactory amq = artemis();
        connections = new CachingConnectionFactory(amq);
        connections.setSessionCacheSize(32);
        JmsComponent jms = JmsComponent.jmsComponent((ConnectionFactory) connections);
        // transacted consumers use local JMS session transactions (no transaction manager): the
        // sends of a route join the consumer's session, and consumers stay cached between messages
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");

        main = new Main();
        main.bind("jms", jms);
        vn.lienthong.flow.Mailbox mailbox = new vn.lienthong.flow.Mailbox(store, layout.data().resolve("mailbox"), clock);
        Delivery delivery = new Delivery(store, statuses, clock).observedBy(events);
        vn.lienthong.axis.Routing routing = new vn.lienthong.axis.Routing(registry, settings.axis());
        intake.routingBy(routing);
        main.bind("pipeline", new PipelineSteps(new Recorder(store, statuses, clock).observedBy(events).routingBy(routing), delivery, mailbox)
                .observedBy(events).routedBy(routing));
        axis = AxisSteps.create(settings, store, routing, intake, mailbox, layout.data().resolve("work/axis"), clock);
        main.bind("axis", axis);
        main.bind("axisjms", priorityJms());
        vn.lienthong.registry.Accounts accounts = vn.lienthong.registry.Accounts.load(credentialsFile(), registry);
        vn.lienthong.tracking.Audit audit = new vn.lienthong.tracking.Audit(store, clock);
        main.bind("httpServerFactory", new vn.lienthong.adapter.rest.GatewayHttpServer(settings.http().tls(), layout.config(),
                layout.data().resolve("work/uploads"), settings.validation().maxPackageBytes()));
        vn.lienthong.adapter.AgencyService agencies = new vn.lienthong.adapter.AgencyService(intake, mailbox, accounts, registry,
                audit, new vn.lienthong.tracking.TraceQuery(store), layout.data().resolve("work"), clock);
        main.bind("restApi", new vn.lienthong.adapter.rest.RestApi(agencies, registry)
                .maxPackageBytes(settings.validation().maxPackageBytes()));
        Settings.Mail mailSettings = settings.mail();
        jakarta.mail.Session mailSession = vn.lienthong.adapter.mail.MailAdapter.session(mailSettings);
        main.bind("mailAdapter", new vn.lienthong.adapter.mail.MailAdapter(
                new vn.lienthong.adapter.mail.MailToPackage(new vn.lienthong.adapter.mail.MailToPackage.Options(mailSettings.relayHosts(),
                        java.util.List.of(), 0), layout.data().resolve("work/mail"), layout.data().resolve("work/mail"), clock),
                new vn.lienthong.adapter.mail.PackageToMail(mailSession, new jakarta.mail.internet.InternetAddress(mailSettings.from()),
                        reader, registry, layout.data().resolve("work/mail-out"), clock),
                intake, delivery, registry, audit, mailSession, mailSettings, archive, clock));
        main.bind("vdxpEndpoint", new vn.lienthong.adapter.vdxp.VdxpEndpoint(accounts, registry, intake, mailbox, store, audit,
                layout.data().resolve("work")));
        main.bind("fileAdapter", new FileAdapter(intake));
        main.bind("registryReload", new vn.lienthong.registry.RegistryReload(registry, layout.config().resolve("agencies.yaml"),
                accounts, credentialsFile()).onChange(() -> monitoring.watchQueuesOf(registry)));
        var stuck = new vn.lienthong.tracking.StuckDocuments(store, settings.operations().stuckAfter(), clock);
        main.bind("stuckDocuments", stuck);
        main.bind("dashboard", OperationsAssembly.dashboard(settings.operations(), store, registry, monitoring.queueDepths(), stuck,
                vn.lienthong.registry.Operators.load(credentialsFile()), audit, clock));
        main.bind("deadLetterApi", new vn.lienthong.adapter.admin.DeadLetterApi(
                new vn.lienthong.deadletter.DeadLetters(amq, store, audit, clock), accounts, audit));
        Properties p = new Properties();
        p.setProperty("lienthong.data", layout.data().toString().replace('\\', '/'));
        p.setProperty("lienthong.schemas", layout.schemas().toString().replace('\\', '/'));
        p.setProperty("lienthong.consumers", Integer.toString(settings.broker().consumers()));
        p.setProperty("lienthong.stuckCheckMs", Long.toString(Math.max(1000, settings.operations().checkEvery().toMillis())));
        p.setProperty("lienthong.axis.enabled", Boolean.toString(settings.axis().enabled()));
        p.setProperty("lienthong.axis.poll-ms", Long.toString(settings.axis().pollMs()));
        soap.bind(main::bind, p, new vn.lienthong.adapter.soap.SoapApi(agencies));
        main.setOverrideProperties(p);
        main.configure().withRoutesIncludePattern(
                "file:" + layout.routes().resolve("templates") + "/*.yaml,file:" + layout.routes() + "/*.yaml");
        // route files are reloaded by RouteFileReload (Camel's own reload does not re-create templated routes)
        RouteFileReload routeFiles = new RouteFileReload(layout.routes());
        main.bind("routeFiles", routeFiles);
        main.configure().withName("lienthong");
        Settings.Http http = settings.http();
        int port = Integer.getInteger("lienthong.http.port", http.port());
        main.configure().httpServer().withEnabled(http.enabled()).withPort(port).withHost(http.host());
        monitoring.configure(main, port);
        main.configure().withJmxEnabled(false);
        main.start();
        routeFiles.baseline(main.getCamelContext());
        LOG.info("Liên Thông Gateway started in {} ms: config {}, routes {}, data {}", (System.nanoTime() - t0) / 1_000_000,
                layout.config(), layout.routes(), layout.data());
        if (soap.enabled()) LOG.info("SOAP service: {}?wsdl", soap.address());
        return this;
    }

    /**
     * JMS for the queues where urgency order must hold after an outage (national axis, member gateways): the
     * consumer takes one message at a time (no client-side buffer), so the broker's priority order is kept.
     */
    private JmsComponent priorityJms() {
        ActiveMQConnectionFactory amq = artemis();
        amq.setConsumerWindowSize(0);
        priorityConnections = new CachingConnectionFactory(amq);
        JmsComponent jms = JmsComponent.jmsComponent((ConnectionFactory) priorityConnections);
        jms.getConfiguration().setLazyCreateTransactionManager(false);
        jms.getConfiguration().setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }

    /** A client connection factory for the broker of gateway.yaml {@code broker:} (url, user, password). */
    private ActiveMQConnectionFactory artemis() {
        ActiveMQConnectionFactory amq = new ActiveMQConnectionFactory(settings.broker().url());
        if (settings.broker().user() != null) {
            amq.setUser(settings.broker().user());
            amq.setPassword(settings.broker().password());
        }
        return amq;
    }

    /** The agencies' credentials: LIENTHONG_CREDENTIALS, else gateway.yaml accounts.credentials, else the demo file. */
    private Path credentialsFile() {
        String env = System.getenv("LIENTHONG_CREDENTIALS");
        String configured = env != null && !env.isBlank() ? env : settings.accounts().credentials();
        return layout.config().resolve(configured);
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    /**
     * What readiness depends on (broker, database, national axis). A connector registers itself here
     * (e.g. under {@link vn.lienthong.observe.Readiness#NATIONAL_AXIS}) before {@link #start} builds the checks.
     */
    public vn.lienthong.observe.Readiness readiness() {
        return readiness;
    }

    public TrackingStore store() {
        return store;
    }

    public GatewayLayout layout() {
        return layout;
    }

    /** Blocks until the JVM is asked to stop. */
    public void awaitShutdown() throws InterruptedException {
        Thread t = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (Exception e) {
                LOG.warn("stop: {}", e.toString());
            }
        }));
        while (!Thread.interrupted()) Thread.sleep(60_000);
    }

    @Override
    public synchronized void close() throws Exception {
        if (axis != null) axis.close();
        if (main != null) {
            main.stop();
            main = null;
        }
        if (soap != null) soap.close();
        soap = null;
        if (connections != null) connections.destroy();
        if (priorityConnections != null) priorityConnections.destroy();
        if (store != null) store.close();
        if (broker != null) broker.close();
        broker = null;
        store = null;
        connections = null;
    }
}
