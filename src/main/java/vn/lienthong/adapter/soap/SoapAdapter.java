package vn.lienthong.adapter.soap;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.attachment.AttachmentDeserializer;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageUtils;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.jaxws.support.JaxWsServiceFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.adapter.soap.api.LienthongPort;
import vn.lienthong.config.Settings;

/**
 * Assembles the SOAP adapter for the gateway: a CXF bus of its own (its Undertow server on the
 * {@code soap.port} of gateway.yaml, stopped with the gateway), the {@link SoapApi} bean, and the
 * placeholders {@code routes/soap-api.yaml} uses ({@code lienthong.soap.enabled}, {@code .address},
 * {@code .wsdl}). The WSDL of {@code schemas/soap/} is the contract CXF serves at {@code ?wsdl}.
 *
 * <p>Answers are MTOM (XOP, the package as a binary part) when the request was MTOM, plain SOAP with
 * inline base64 otherwise: legacy clients without MTOM support work unchanged.
 */
public final class SoapAdapter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoapAdapter.class);
    private static final String NS = "urn:vn:lienthong:soap:v1";
    private final Settings.Soap settings;
    private final int port;
    private final Path wsdl;
    private final long maxPackageBytes;
    private final CompletableFuture<Bus> bus;
    private volatile Object warm;                                      // keeps the warmed caches alive until the route starts

    /**
     * Starts preparing the service in the background (CXF bus, the WSDL read into the bus's WSDL
     * cache, JAXB warmed up) while the rest of the gateway starts; {@link #bind} waits for it.
     */
    public SoapAdapter(Settings.Soap settings, int port, Path schemas, long maxPackageBytes) {
        this.settings = settings;
        this.port = port;
        this.maxPackageBytes = maxPackageBytes;
        this.wsdl = schemas.resolve("soap/lienthong.wsdl").toAbsolutePath();
        this.bus = settings.enabled() ? CompletableFuture.supplyAsync(this::prepare) : CompletableFuture.completedFuture(null);
    }

    private Bus prepare() {
        long t0 = System.nanoTime();
        Bus previous = BusFactory.getThreadDefaultBus(false);
        Bus b = BusFactory.newInstance().createBus();
        BusFactory.setThreadDefaultBus(previous);                     // the gateway's bus is nobody's default
        if (BusFactory.getDefaultBus(false) == b) BusFactory.setDefaultBus(null);
        b.getOutInterceptors().add(new MtomLikeTheRequest());
        // an MTOM package larger than validation.max-package-bytes is cut off while it is read, not cached to disk first
        b.setProperty(AttachmentDeserializer.ATTACHMENT_MAX_SIZE, maxPackageBytes);
        try {
            // the service model from the WSDL, as the route's endpoint builds it: fills CXF's WSDL and JAXB caches
            JaxWsServiceFactoryBean model = new JaxWsServiceFactoryBean();
            model.setBus(b);
            model.setServiceClass(LienthongPort.class);
            model.setWsdlURL(wsdl.toUri().toString());
            model.setServiceName(new QName(NS, "LienthongService"));
            model.setEndpointName(new QName(NS, "LienthongPort"));
            warm = model.create();
        } catch (Exception e) {
            LOG.debug("SOAP warm-up: {}", e.toString());               // the route reports a broken WSDL itself
        }
        LOG.debug("SOAP service prepared in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return b;
    }

    /** Binds the beans the route uses and sets its placeholders. */
    public void bind(BiConsumer<String, Object> registry, Properties placeholders, SoapApi api) {
        registry.accept("soapApi", api);
        if (settings.enabled()) {
            long t0 = System.nanoTime();
            registry.accept("soapBus", bus.join());
            LOG.debug("waited {} ms for the SOAP service to be prepared", (System.nanoTime() - t0) / 1_000_000);
        }
        placeholders.setProperty("lienthong.soap.enabled", Boolean.toString(settings.enabled()));
        placeholders.setProperty("lienthong.soap.address", address());
        placeholders.setProperty("lienthong.soap.wsdl", wsdl.toUri().toString());
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** Where the service listens, e.g. http://0.0.0.0:8081/soap/lienthong. */
    public String address() {
        return "http://" + settings.host() + ":" + port + settings.path();
    }

    @Override
    public void close() {
        Bus b = bus.getNow(null);
        if (b != null) b.shutdown(true);
        else bus.thenAccept(late -> { if (late != null) late.shutdown(true); });
    }

    /** Answers as MTOM when the request came as MTOM (multipart/related). */
    static final class MtomLikeTheRequest extends AbstractPhaseInterceptor<Message> {
        MtomLikeTheRequest() {
            super(Phase.PREPARE_SEND);
        }

        @Override
        public void handleMessage(Message out) throws Fault {
            if (MessageUtils.isRequestor(out)) return;
            Message in = out.getExchange() == null ? null : out.getExchange().getInMessage();
            Object type = in == null ? null : in.get(Message.CONTENT_TYPE);
            if (type != null && type.toString().toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
                out.put(Message.MTOM_ENABLED, Boolean.TRUE);
            }
        }
    }
}
