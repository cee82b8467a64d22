package vn.lienthong.axis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.lienthong.adapter.vdxp.LenientJson;
import vn.lienthong.adapter.vdxp.VdxpClientSigner;
import vn.lienthong.adapter.vdxp.VdxpHeader;
import vn.lienthong.adapter.vdxp.VdxpOperation;
import vn.lienthong.adapter.vdxp.VdxpResponses;
import vn.lienthong.config.Settings;

/**
 * A client of the national axis protocol (VDXP-PROTOCOL.md): every call signed with the XroadVnpt-*
 * HMAC of this province's system id and secret, as the Government Office's SDK signs it (a fresh
 * signer per call: no header leakage between calls). java.net.http, with the configured connect and
 * request timeouts. Every failure is an {@link AxisException} saying whether it is worth retrying.
 *
 * <p>Unlike the SDK, which ignores HTTP status codes, the connector looks at them: a 5xx is an outage
 * (retried), a 4xx a configuration error (not retried); a 200 whose body is not the expected JSON is
 * treated as an outage too (a proxy's error page).
 */
public final class AxisClient {
    /** Headers java.net.http sets itself and refuses from the caller. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "expect", "connection", "host", "upgrade");

    private final String endpoint;
    private final String systemId;
    private final String secret;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final Clock clock;

    public AxisClient(String endpoint, String systemId, String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        if (endpoint == null || endpoint.isBlank()) throw new IllegalArgumentException("axis.endpoint is not set");
        if (systemId == null || systemId.isBlank()) throw new IllegalArgumentException("axis.system-id is not set");
        if (secret == null || secret.isBlank()) throw new IllegalArgumentException("axis.secret is not set (LIENTHONG_AXIS_SECRET)");
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.systemId = systemId;
        this.secret = secret;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public static AxisClient of(Settings.Axis s, Clock clock) {
        return new AxisClient(s.endpoint(), s.systemId(), s.secret(), Duration.ofMillis(s.connectTimeoutMs()),
                Duration.ofMillis(s.requestTimeoutMs()), clock);
    }

    public String systemId() {
        return systemId;
    }

    /** One item of getReceivedEdocList: the axis's id of a document or status waiting for this province. */
    public record Received(String docId, String messageType, String from, String createdTime) { }

    /**
     * sendEdoc: the edXML package (a document, or a status with {@code messagetype=status}); returns the
     * axis's DocId.
     */
    public String sendEdoc(byte[] edxml, boolean status, List<String> to) throws AxisException {
        StringBuilder json = new StringBuilder("{\"from\":").append(LenientJson.quote(systemId))
                .append(",\"servicetype\":\"eDoc\",\"messagetype\":\"").append(status ? "status" : "edoc").append('"');
        if (to != null && !to.isEmpty()) json.append(",\"to\":").append(LenientJson.toJson(to));
        JsonNode r = call(VdxpOperation.SEND_EDOC, json.append('}').toString(), edxml);
        JsonNode id = r.get("DocId");
        if (id == null || id.isNull() || id.asText().isBlank()) throw new AxisException(AxisException.Kind.MALFORMED, "sendEdoc answer without DocId: " + clip(r.toString()));
        return id.asText();
    }

    /** getReceivedEdocList for documents ({@code status=false}) or statuses. */
    public List<Received> receivedList(boolean status) throws AxisException {
        String type = status ? "status" : "edoc";
        JsonNode r = call(VdxpOperation.GET_RECEIVED_EDOC_LIST, "{\"servicetype\":\"eDoc\",\"messagetype\":\"" + type + "\"}", null);
        JsonNode data = r.get("data");
        if (data == null || data.isNull()) return List.of();
        if (!data.isArray()) throw new AxisException(AxisException.Kind.MALFORMED, "getReceivedEdocList: data is not a list");
        List<Received> out = new ArrayList<>();
        for (JsonNode n : data) {
            String id = text(n, "docId");
            if (id == null || id.isBlank()) throw new AxisException(AxisException.Kind.MALFORMED, "getReceivedEdocList: an item without docId");
            out.add(new Received(id, text(n, "messageType") == null ? type : text(n, "messageType"), text(n, "from"), text(n, "created_time")));
        }
        return out;
    }

    /** getEdoc: the package's bytes (base64 {@code data} decoded). */
    public byte[] getEdoc(String docId) throws AxisException {
        JsonNode r = call(VdxpOperation.GET_EDOC, "{\"docId\":" + LenientJson.quote(docId) + ",\"filePath\":\"\"}", null);
        String data = text(r, "data");
        if (data == null || data.isBlank()) throw new AxisException(AxisException.Kind.MALFORMED, "getEdoc " + docId + ": no data");
        try {
            return Base64.getMimeDecoder().decode(data.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new AxisException(AxisException.Kind.MALFORMED, "getEdoc " + docId + ": data is not base64");
        }
    }

    /** updateStatus: {@code done}, {@code fail} or {@code processing} (a transport acknowledgement). */
    public void updateStatus(String docId, String status) throws AxisException {
        call(VdxpOperation.UPDATE_STATUS, "{\"status\":" + LenientJson.quote(status) + ",\"docId\":" + LenientJson.quote(docId) + "}", null);
    }

    /** One signed call; the answer's base keys checked; FAIL becomes an exception. */
    JsonNode call(VdxpOperation op, String callerJson, byte[] payload) throws AxisException {
        VdxpClientSigner signer = new VdxpClientSigner(systemId, secret, clock);
        VdxpClientSigner.SignedRequest s = payload == null ? signer.sign(op, callerJson) : signer.sign(op, callerJson, payload);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(endpoint))).timeout(requestTimeout);
        for (VdxpHeader h : s.headers()) {
            if (!RESTRICTED.contains(h.name().toLowerCase(Locale.ROOT))) b.header(h.name(), h.value());
        }
        byte[] body = s.body();
        b.method(s.method(), body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new AxisException(AxisException.Kind.TIMEOUT, op.wireName() + ": no connection to " + endpoint + " within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new AxisException(AxisException.Kind.TIMEOUT, op.wireName() + ": no answer from " + endpoint + " within " + requestTimeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new AxisException(AxisException.Kind.UNREACHABLE, op.wireName() + ": cannot connect to " + endpoint + " (" + e + ")", e);
        } catch (IOException e) {
            throw new AxisException(AxisException.Kind.UNREACHABLE, op.wireName() + ": " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AxisException(AxisException.Kind.UNREACHABLE, op.wireName() + ": interrupted", e);
        }
        int code = resp.statusCode();
        String text = new String(resp.body(), StandardCharsets.UTF_8);
        if (code >= 500 || code == 408 || code == 429) {
            throw new AxisException(AxisException.Kind.SERVER_ERROR, op.wireName() + ": HTTP " + code + " " + clip(text));
        }
        if (code >= 400) {
            throw new AxisException(AxisException.Kind.CLIENT_ERROR, op.wireName() + ": HTTP " + code + " " + clip(text)
                    + " (check axis.endpoint)");
        }
        JsonNode r = VdxpResponses.parseLenient(text).filter(JsonNode::isObject).orElseThrow(() ->
                new AxisException(AxisException.Kind.MALFORMED, op.wireName() + ": answer is not JSON: " + clip(text)));
        String status = text(r, "status");
        String errorCode = text(r, "ErrorCode");
        if (status == null || errorCode == null || !r.has("ErrorDesc")) {
            throw new AxisException(AxisException.Kind.MALFORMED, op.wireName() + ": answer lacks status/ErrorCode/ErrorDesc: " + clip(text));
        }
        if (!"OK".equalsIgnoreCase(status) || !"0".equals(errorCode.strip())) {
            String desc = text(r, "ErrorDesc");
            boolean auth = errorCode.equals("401") || errorCode.equals("403")
                    || desc != null && desc.toLowerCase(Locale.ROOT).matches(".*(authenticat|hmac|signature|xác thực).*");
            throw new AxisException(auth ? AxisException.Kind.AUTH_REFUSED : AxisException.Kind.REFUSED,
                    op.wireName() + ": " + status + " " + errorCode + " " + desc + (auth ? " (check axis.system-id and axis.secret)" : ""));
        }
        return r;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
