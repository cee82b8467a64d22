package vn.lienthong.adapter.rest;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.config.Settings;

/**
 * The gateway's web server (camel-main's platform-http server on Vert.x), set up for the adapters:
 * <ul>
 *   <li>uploads of multipart/form-data requests are streamed to files under the work folder (never
 *       held in memory) and deleted when the answer has been sent; a request body may not exceed
 *       {@code validation.max-package-bytes} (larger: 413);</li>
 *   <li>optional HTTPS ({@code http.tls} in gateway.yaml) with the server key from a keystore and the
 *       agencies' CAs or certificates in a truststore, through Camel's {@link SSLContextParameters};</li>
 *   <li>TLS client certificates (R20): Camel does not pass a client-authentication mode to Vert.x,
 *       so the server is created from a Vert.x instance that adds {@code request} or {@code require}
 *       to the HTTPS options; the verified client certificate of every request is handed to the routes
 *       in the header {@value #CLIENT_CERTIFICATE} (base64 DER), after any header of that name sent by
 *       the client has been removed.</li>
 * </ul>
 * Bound in the registry, it replaces camel-main's default factory.
 */
public final class GatewayHttpServer extends DefaultMainHttpServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpServer.class);
    /** Header carrying the TLS client certificate the server verified (base64 DER); never taken from the client. */
    public static final String CLIENT_CERTIFICATE = "X-Lienthong-Client-Certificate";

    private final Settings.Tls tls;
    private final Path configDir;
    private final Path uploads;
    private final long maxBodyBytes;

    /**
     * @param configDir    where keystore, truststore and password files are looked up
     * @param uploads      where uploaded files are streamed to
     * @param maxBodyBytes the largest request body accepted (validation.max-package-bytes)
     */
    public GatewayHttpServer(Settings.Tls tls, Path configDir, Path uploads, long maxBodyBytes) {
        this.tls = tls;
        this.configDir = configDir;
        this.uploads = uploads;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Service newHttpServer(CamelContext camel, HttpServerConfigurationProperties conf) {
        MainHttpServer server = new MainHttpServer() {
            @Override
            protected void doStart() throws Exception {
                super.doStart();
                // first of all routes: the verified client certificate, and only that, goes to the exchange
                getRouter().route().order(-1000).handler(GatewayHttpServer::passClientCertificate);
            }
        };
        server.setCamelContext(camel);
        server.setHost(conf.getHost());
        server.setPort(conf.getPort());
        server.setPath(conf.getPath());
        server.setMaxBodySize(maxBodyBytes);
        try {
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the upload folder " + uploads, e);
        }
        server.setFileUploadEnabled(true);
        server.setFileUploadDirectory(uploads.toString());
        server.getBodyHandler().setDeleteUploadedFilesOnEnd(true);
        if (tls.enabled()) {
            server.setSslContextParameters(sslParameters());
            if (!"none".equals(tls.clientAuth())) {
                if (tls.truststore() == null || tls.truststore().isBlank()) {
                    throw new IllegalArgumentException("http.tls.client-auth " + tls.clientAuth() + " needs http.tls.truststore"
                            + " (the agencies' CAs or certificates)");
                }
                Vertx vertx = Vertx.vertx();
                camel.getRegistry().bind("lienthongVertx", Vertx.class,
                        withClientAuth(vertx, "require".equals(tls.clientAuth()) ? ClientAuth.REQUIRED : ClientAuth.REQUEST));
                try {
                    camel.addService(new ServiceSupport() {
                        @Override
                        protected void doStop() {
                            vertx.close();
                        }
                    }, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            LOG.info("HTTPS on port {} (client certificates: {})", conf.getPort(), tls.clientAuth());
        }
        return server;
    }

    private SSLContextParameters sslParameters() {
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setResource(configDir.resolve(tls.keystore()).toUri().toString());
        keys.setType(tls.keystoreType());
        String keyPassword = password(tls.keystorePassword(), tls.keystorePasswordFile(), "keystore");
        keys.setPassword(keyPassword);
        KeyManagersParameters km = new KeyManagersParameters();
        km.setKeyStore(keys);
        km.setKeyPassword(keyPassword);
        SSLContextParameters p = new SSLContextParameters();
        p.setKeyManagers(km);
        if (tls.truststore() != null && !tls.truststore().isBlank()) {
            KeyStoreParameters trust = new KeyStoreParameters();
            trust.setResource(configDir.resolve(tls.truststore()).toUri().toString());
            trust.setType(tls.truststoreType());
            trust.setPassword(password(tls.truststorePassword(), tls.truststorePasswordFile(), "truststore"));
            TrustManagersParameters tm = new TrustManagersParameters();
            tm.setKeyStore(trust);
            p.setTrustManagers(tm);
        }
        return p;
    }

    private String password(String given, String file, String what) {
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(configDir.resolve(file)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("http.tls: cannot read the " + what + " password file " + file + ": " + e.getMessage(), e);
            }
        }
        return given == null ? "" : given;
    }

    /** A Vert.x whose HTTPS servers ask for client certificates ({@code ClientAuth} is not reachable through Camel). */
    static Vertx withClientAuth(Vertx real, ClientAuth auth) {
        Class<?>[] types = real instanceof VertxInternal ? new Class<?>[] {VertxInternal.class} : new Class<?>[] {Vertx.class};
        return (Vertx) Proxy.newProxyInstance(GatewayHttpServer.class.getClassLoader(), types, (proxy, method, args) -> {
            if (method.getName().equals("createHttpServer") && args != null && args.length == 1 && args[0] instanceof HttpServerOptions o
                    && o.isSsl()) {
                o.setClientAuth(auth);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static void passClientCertificate(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        req.headers().remove(CLIENT_CERTIFICATE);
        if (req.isSSL()) {
            SSLSession session = req.sslSession();
            try {
                Certificate[] chain = session == null ? null : session.getPeerCertificates();
                if (chain != null && chain.length > 0) {
                    req.headers().set(CLIENT_CERTIFICATE, Base64.getEncoder().encodeToString(chain[0].getEncoded()));
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: the caller may still use a token
            } catch (java.security.cert.CertificateEncodingException e) {
                LOG.warn("client certificate cannot be encoded: {}", e.toString());
            }
        }
        ctx.next();
    }

    /** The TLS client certificate the server verified for this request, if any. */
    public static Optional<X509Certificate> clientCertificate(Exchange ex) {
        String b64 = ex.getMessage().getHeader(CLIENT_CERTIFICATE, String.class);
        if (b64 == null || b64.isBlank()) return Optional.empty();
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64))));
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
