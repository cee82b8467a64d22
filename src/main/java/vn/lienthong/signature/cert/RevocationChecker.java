package vn.lienthong.signature.cert;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Revocation status of one certificate, asked of its issuer's OCSP responder (AIA) first and of
 * the CRL distribution points when there is no OCSP URL or OCSP gave no usable answer. Answers
 * (good or revoked, never failures) are cached per (issuer, serial) and CRLs per URL for the
 * configured minutes. Thread-safe.
 */
final class RevocationChecker {

    /** What was learnt about one certificate. */
    sealed interface Status permits Good, Revoked, Unavailable { }

    record Good(String source) implements Status { }

    /** @param reason null when the responder or CRL gave none */
    record Revoked(Instant date, CRLReason reason, String source) implements Status {
        /** Key, CA or AA compromise: the signature cannot be trusted whenever it was made. */
        boolean compromise() {
            return reason == CRLReason.KEY_COMPROMISE || reason == CRLReason.CA_COMPROMISE || reason == CRLReason.AA_COMPROMISE;
        }
    }

    record Unavailable(String detail) implements Status { }

    /** One failed attempt (responder down, bad answer, forged signature, stale CRL ...). */
    static final class RevocationException extends Exception {
        RevocationException(String message) { super(message); }
    }

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final int MAX_OCSP_BYTES = 1 << 20;
    private static final int MAX_CRL_BYTES = 64 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Cached<T>(T value, Instant expires) { }

    private final TrustPolicy.Revocation policy;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Cached<Status>> ocspCache = new ConcurrentHashMap<>();
    private final Map<String, Cached<X509CRL>> crlCache = new ConcurrentHashMap<>();

    RevocationChecker(TrustPolicy.Revocation policy, Clock clock) {
        CertUtil.bouncyCastle();
        this.policy = policy;
        this.clock = clock;
        this.timeout = Duration.ofMillis(policy.timeoutMs());
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        ProxySelector ps = ProxySelector.getDefault();
        if (ps != null) b.proxy(ps);
        this.http = b.build();
    }

    void clearCache() {
        ocspCache.clear();
        crlCache.clear();
    }

    /** The status of {@code cert}, issued by {@code issuer}; never throws. */
    Status status(X509Certificate cert, X509Certificate issuer) {
        List<String> failures = new ArrayList<>();
        if (policy.ocsp()) {
            for (String url : CertUtil.ocspUrls(cert)) {
                try {
                    Status s = ocsp(cert, issuer, url);
                    if (s instanceof Unavailable u) failures.add("OCSP " + url + ": " + u.detail());
                    else return s;
                } catch (RevocationException e) {
                    failures.add("OCSP " + url + ": " + e.getMessage());
                }
            }
        }
        if (policy.crl()) {
            for (String url : CertUtil.crlUrls(cert)) {
                try {
                    return crl(cert, issuer, url);
                } catch (RevocationException e) {
                    failures.add("CRL " + url + ": " + e.getMessage());
                }
            }
        }
        if (failures.isEmpty()) {
            String sources = policy.ocsp() && policy.crl() ? "no OCSP responder and no CRL distribution point"
                    : policy.ocsp() ? "no OCSP responder (CRL checking is off)" : "no CRL distribution point (OCSP checking is off)";
            failures.add("the certificate names " + sources);
        }
        return new Unavailable(String.join("; ", failures));
    }

    // ------------------------------------------------------------------ OCSP

    private Status ocsp(X509Certificate cert, X509Certificate issuer, String url) throws RevocationException {
        CertificateID id;
        DigestCalculatorProvider digests;
        try {
            digests = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build();
            id = new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        } catch (Exception e) {
            throw new RevocationException("cannot build the request: " + e.getMessage());
        }
        String key = HexFormat.of().formatHex(id.getIssuerNameHash()) + ":" + HexFormat.of().formatHex(id.getIssuerKeyHash())
                + ":" + cert.getSerialNumber().toString(16);
        Instant now = clock.instant();
        Cached<Status> hit = ocspCache.get(key);
        if (hit != null && now.isBefore(hit.expires())) return hit.value();

        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Extension nonceExt;
        byte[] request;
        try {
            nonceExt = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(new DEROctetString(nonce).getEncoded()));
            OCSPReq req = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(nonceExt)).build();
            request = req.getEncoded();
        } catch (Exception e) {
            throw new RevocationException("cannot build the request: " + e.getMessage());
        }
        HttpRequest post = HttpRequest.newBuilder(uri(url)).timeout(timeout)
                .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        byte[] body = fetch(post, MAX_OCSP_BYTES);

        BasicOCSPResp basic;
        try {
            OCSPResp resp = new OCSPResp(body);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new RevocationException("responder answered " + ocspStatusName(resp.getStatus()));
            }
            Object o = resp.getResponseObject();
            if (!(o instanceof BasicOCSPResp b)) throw new RevocationException("not a basic OCSP response");
            basic = b;
        } catch (RevocationException e) {
            throw e;
        } catch (Exception e) {
            throw new RevocationException("malformed OCSP response: " + e.getMessage());
        }
        verifyResponder(basic, issuer, now);

        Extension gotNonce = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (gotNonce != null && !Arrays.equals(gotNonce.getExtnValue().getOctets(), nonceExt.getExtnValue().getOctets())) {
            throw new RevocationException("nonce does not match the request (replayed or forged response)");
        }
        // No nonce echoed: accepted (many CAs serve pre-produced responses); freshness is then
        // what thisUpdate/nextUpdate say, checked below.

        SingleResp single = null;
        for (SingleResp s : basic.getResponses()) if (id.equals(s.getCertID())) single = s;
        if (single == null) throw new RevocationException("response does not mention the certificate");
        Instant thisUpdate = single.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(SKEW))) throw new RevocationException("response thisUpdate " + thisUpdate + " is in the future");
        if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now.minus(SKEW))) {
            throw new RevocationException("response is stale (nextUpdate " + single.getNextUpdate().toInstant() + ")");
        }
        CertificateStatus cs = single.getCertStatus();
        Status result;
        if (cs == CertificateStatus.GOOD) {
            result = new Good("OCSP " + url);
        } else if (cs instanceof RevokedStatus r) {
            CRLReason reason = r.hasRevocationReason() ? reason(r.getRevocationReason()) : null;
            result = new Revoked(r.getRevocationTime().toInstant(), reason, "OCSP " + url);
        } else if (cs instanceof UnknownStatus) {
            return new Unavailable("responder does not know the certificate (status unknown)");
        } else {
            throw new RevocationException("unrecognised certificate status");
        }
        cache(ocspCache, key, result, now);
        return result;
    }

    /** The response must be signed by the issuer itself, or by a responder certificate the issuer signed with id-kp-OCSPSigning. */
    private static void verifyResponder(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws RevocationException {
        if (signedBy(basic, issuer)) return;
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider("BC");
        for (X509CertificateHolder h : basic.getCerts()) {
            X509Certificate rc;
            try {
                rc = conv.getCertificate(h);
            } catch (Exception e) {
                continue;
            }
            if (!CertUtil.issuedBy(rc, issuer)) continue;
            if (!CertUtil.hasExtendedKeyUsage(rc, CertUtil.OCSP_SIGNING)) continue;
            if (now.isBefore(rc.getNotBefore().toInstant()) || now.isAfter(rc.getNotAfter().toInstant())) continue;
            if (signedBy(basic, rc)) return;
        }
        throw new RevocationException("response is not signed by the issuer or by a responder the issuer authorised (forged?)");
    }

    private static boolean signedBy(BasicOCSPResp basic, X509Certificate signer) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider("BC").build(signer.getPublicKey()));
        } catch (Exception e) {
            return false;
        }
    }

    private static String ocspStatusName(int s) {
        return switch (s) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> "status " + s;
        };
    }

    private static CRLReason reason(int code) {
        CRLReason[] all = CRLReason.values();
        return code >= 0 && code < all.length ? all[code] : CRLReason.UNSPECIFIED;
    }

    // ------------------------------------------------------------------ CRL

    private Status crl(X509Certificate cert, X509Certificate issuer, String url) throws RevocationException {
        Instant now = clock.instant();
        Cached<X509CRL> hit = crlCache.get(url);
        X509CRL crl = hit != null && now.isBefore(hit.expires()) && fresh(hit.value(), now) ? hit.value() : null;
        if (crl == null) {
            byte[] body = fetch(HttpRequest.newBuilder(uri(url)).timeout(timeout).GET().build(), MAX_CRL_BYTES);
            try {
                crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(body));
            } catch (Exception e) {
                throw new RevocationException("malformed CRL: " + e.getMessage());
            }
            if (crl == null) throw new RevocationException("malformed CRL");
        }
        if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
            throw new RevocationException("CRL issued by " + Dn.of(crl.getIssuerX500Principal()) + ", not by the certificate's issuer");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (Exception e) {
            throw new RevocationException("CRL signature does not verify with the issuer's key (forged?)");
        }
        if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
            throw new RevocationException("CRL thisUpdate " + crl.getThisUpdate().toInstant() + " is in the future");
        }
        if (!fresh(crl, now)) throw new RevocationException("CRL is stale (nextUpdate " + crl.getNextUpdate().toInstant() + ")");
        if (hit == null || hit.value() != crl) {
            Instant expires = now.plus(Duration.ofMinutes(policy.cacheMinutes()));
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(expires)) expires = crl.getNextUpdate().toInstant();
            crlCache.put(url, new Cached<>(crl, expires));
        }
        X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
        if (entry == null || entry.getRevocationReason() == CRLReason.REMOVE_FROM_CRL) return new Good("CRL " + url);
        return new Revoked(entry.getRevocationDate().toInstant(), entry.getRevocationReason(), "CRL " + url);
    }

    private static boolean fresh(X509CRL crl, Instant now) {
        return crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isBefore(now.minus(SKEW));
    }

    // ------------------------------------------------------------------ HTTP and cache

    private <T> void cache(Map<String, Cached<T>> map, String key, T value, Instant now) {
        if (policy.cacheMinutes() > 0) map.put(key, new Cached<>(value, now.plus(Duration.ofMinutes(policy.cacheMinutes()))));
    }

    private static URI uri(String url) throws RevocationException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RevocationException("bad URL");
        }
    }

    private byte[] fetch(HttpRequest req, int limit) throws RevocationException {
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) throw new RevocationException("HTTP " + r.statusCode());
                byte[] body = in.readNBytes(limit + 1);
                if (body.length > limit) throw new RevocationException("answer larger than " + limit + " bytes");
                if (body.length == 0) throw new RevocationException("empty answer");
                return body;
            }
        } catch (HttpTimeoutException e) {
            throw new RevocationException("no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new RevocationException("cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (IOException e) {
            throw new RevocationException(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevocationException("interrupted");
        }
    }

    static String serial(BigInteger serial) {
        return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
