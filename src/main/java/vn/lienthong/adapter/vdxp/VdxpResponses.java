package vn.lienthong.adapter.vdxp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The replies of the national axis as the SDK parses them (VDXP-PROTOCOL.md §3 "Response keys" and
 * "Recommended replies").
 *
 * <p>Every JSON reply has the three base keys {@code status} ({@code OK}/{@code FAIL}),
 * {@code ErrorCode} (a string, {@code "0"} on success) and {@code ErrorDesc}, never null — without any
 * of them the SDK's parser throws. List replies always carry {@code data} (at least {@code []}) on
 * success. Keys are case-sensitive and spelt as the SDK reads them ({@code DocId} in sendEdoc,
 * {@code docId} in list items, {@code created_time}, {@code status_desc}, …).
 *
 * <p>Every reply is pure ASCII: non-ASCII characters are written as lowercase {@code \}{@code uXXXX}
 * escapes, because the SDK decodes sendEdoc's reply as US-ASCII (§3) and escapes decode correctly
 * everywhere. Send them with {@link #HTTP_STATUS} 200 (sendEdoc reads other statuses from the error
 * stream, §5.3) and {@link #CONTENT_TYPE}.
 *
 * <p>List items are records whose null fields are left out (every item key is optional to the SDK).
 */
public final class VdxpResponses {
    public static final String OK = "OK";
    public static final String FAIL = "FAIL";
    public static final String SUCCESS_CODE = "0";
    public static final String SUCCESS_DESC = "Success";
    public static final int HTTP_STATUS = 200;
    public static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VdxpResponses() {
    }

    /** An item of getReceivedEdocList's {@code data} (the SDK's {@code Knobstick}). */
    public record ReceivedEdoc(String docId, String serviceType, String messageType, String createdTime,
                               String updatedTime, String from, String to, String status, String statusDesc) {
    }

    /** An item of getSentEdocList's {@code data}. */
    public record SentEdoc(String serviceType, String receiverDocId, String toCode, String receiveStatus, String title,
                           String messageType, String notation, String receivedTime, String sentTime,
                           String sendStatus, String sendStatusDesc, String senderDocId, String fromCode,
                           String receiveStatusDesc) {
    }

    /** An item of getAgenciesList's {@code data}. */
    public record Agency(String id, String pid, String code, String name, String mail, String oldCode) {
    }

    /** An item of getAgenciesListQD20's {@code data} (no {@code pid}: the SDK does not read it). */
    public record AgencyQD20(String id, String code, String name, String mail, String code102) {
    }

    /** An item of getSynchronizeUnit's {@code data}. */
    public record SyncUnit(String id, String pid, String code, String name, String mail, String centerCode,
                           Integer version, Boolean deleted, String modifyDate, Boolean isAgency) {
    }

    // ---------------------------------------------------------------- base

    /** {@code {"status":"OK","ErrorCode":"0","ErrorDesc":"Success"}}: updateStatus, registerAgency, deleteAgency. */
    public static String ok() {
        return write(base(OK, SUCCESS_CODE, SUCCESS_DESC));
    }

    /**
     * {@code {"status":"FAIL","ErrorCode":"<code>","ErrorDesc":"<desc>"}}.
     *
     * @throws IllegalArgumentException for a blank code or {@code 0} (the SDK reads lists on code 0)
     */
    public static String fail(String errorCode, String errorDesc) {
        return write(failNode(errorCode, errorDesc));
    }

    /**
     * The failure reply of one operation, as bytes to send: the base keys, plus {@code "DocId":""} for
     * sendEdoc (all four keys are required there), and an <em>empty body</em> for downloadEdoc — the SDK
     * saves any non-empty reply as the document, a JSON error included, and reports an empty one as
     * FAIL/100 (§3, §5.6, §5.7).
     */
    public static byte[] failure(VdxpOperation op, String errorCode, String errorDesc) {
        if (op == VdxpOperation.DOWNLOAD_EDOC) {
            failNode(errorCode, errorDesc); // same argument checks
            return new byte[0];
        }
        if (op == VdxpOperation.SEND_EDOC) {
            return bytes(sendEdocFail(errorCode, errorDesc));
        }
        return bytes(fail(errorCode, errorDesc));
    }

    // ---------------------------------------------------------------- per operation

    /** sendEdoc accepted: base + {@code DocId}. */
    public static String sendEdocOk(String docId) {
        return sendEdocOk(docId, SUCCESS_DESC);
    }

    /** sendEdoc accepted, with a description of choice (the §4 capture uses {@code Thành công}). */
    public static String sendEdocOk(String docId, String errorDesc) {
        ObjectNode n = base(OK, SUCCESS_CODE, errorDesc);
        n.put("DocId", Objects.requireNonNull(docId, "docId"));
        return write(n);
    }

    /** sendEdoc refused: base + {@code "DocId":""} (the SDK requires all four keys). */
    public static String sendEdocFail(String errorCode, String errorDesc) {
        ObjectNode n = failNode(errorCode, errorDesc);
        n.put("DocId", "");
        return write(n);
    }

    public static String receivedEdocList(List<ReceivedEdoc> items) {
        return list(items, (ReceivedEdoc e) -> {
            ObjectNode o = MAPPER.createObjectNode();
            put(o, "docId", e.docId());
            put(o, "serviceType", e.serviceType());
            put(o, "messageType", e.messageType());
            put(o, "created_time", e.createdTime());
            put(o, "updated_time", e.updatedTime());
            put(o, "from", e.from());
            put(o, "to", e.to());
            put(o, "status", e.status());
            put(o, "status_desc", e.statusDesc());
            return o;
        });
    }

    public static String sentEdocList(List<SentEdoc> items) {
        return list(items, (SentEdoc e) -> {
            ObjectNode o = MAPPER.createObjectNode();
            put(o, "serviceType", e.serviceType());
            put(o, "receiverDocId", e.receiverDocId());
            put(o, "toCode", e.toCode());
            put(o, "receiveStatus", e.receiveStatus());
            put(o, "title", e.title());
            put(o, "messageType", e.messageType());
            put(o, "notation", e.notation());
            put(o, "receivedTime", e.receivedTime());
            put(o, "sentTime", e.sentTime());
            put(o, "sendStatus", e.sendStatus());
            put(o, "sendStatusDesc", e.sendStatusDesc());
            put(o, "senderDocId", e.senderDocId());
            put(o, "fromCode", e.fromCode());
            put(o, "receiveStatusDesc", e.receiveStatusDesc());
            return o;
        });
    }

    /** getEdoc: base + {@code data} = standard base64 of the edXML bytes (which should be UTF-8, §3). */
    public static String edoc(byte[] edxml) {
        ObjectNode n = base(OK, SUCCESS_CODE, SUCCESS_DESC);
        n.put("data", Base64.getEncoder().encodeToString(edxml));
        return write(n);
    }

    /** downloadEdoc: the raw edXML bytes, saved byte for byte by the SDK. Never empty on success. */
    public static byte[] downloadEdoc(byte[] edxml) {
        if (edxml == null || edxml.length == 0) {
            throw new IllegalArgumentException("an empty downloadEdoc reply means failure to the SDK");
        }
        return edxml.clone();
    }

    /** countReceiveEdoc, countReceiveStatus: base + {@code count} as a JSON number. */
    public static String count(long count) {
        ObjectNode n = base(OK, SUCCESS_CODE, SUCCESS_DESC);
        n.put("count", count);
        return write(n);
    }

    public static String agenciesList(List<Agency> items) {
        return list(items, (Agency a) -> {
            ObjectNode o = MAPPER.createObjectNode();
            put(o, "id", a.id());
            put(o, "pid", a.pid());
            put(o, "code", a.code());
            put(o, "name", a.name());
            put(o, "mail", a.mail());
            put(o, "oldCode", a.oldCode());
            return o;
        });
    }

    public static String agenciesListQD20(List<AgencyQD20> items) {
        return list(items, (AgencyQD20 a) -> {
            ObjectNode o = MAPPER.createObjectNode();
            put(o, "id", a.id());
            put(o, "code", a.code());
            put(o, "name", a.name());
            put(o, "mail", a.mail());
            put(o, "code102", a.code102());
            return o;
        });
    }

    public static String synchronizeUnits(List<SyncUnit> items) {
        return list(items, (SyncUnit u) -> {
            ObjectNode o = MAPPER.createObjectNode();
            put(o, "id", u.id());
            put(o, "pid", u.pid());
            put(o, "code", u.code());
            put(o, "name", u.name());
            put(o, "mail", u.mail());
            put(o, "centerCode", u.centerCode());
            if (u.version() != null) {
                o.put("version", u.version());
            }
            if (u.deleted() != null) {
                o.put("deleted", u.deleted());
            }
            put(o, "modifyDate", u.modifyDate());
            if (u.isAgency() != null) {
                o.put("isAgency", u.isAgency());
            }
            return o;
        });
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads JSON leniently, as gson 2.2 does on both sides (§3 "JSON leniency"): single quotes, unquoted
     * names and values, comments, {@code ;} separators. For request bodies (registerAgency's data) and
     * for replies of the national axis read by a connector. Empty when blank or not JSON at all.
     */
    public static Optional<JsonNode> parseLenient(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LenientJson.toJackson(LenientJson.parse(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<JsonNode> parseLenient(byte[] utf8) {
        return utf8 == null ? Optional.empty() : parseLenient(new String(utf8, StandardCharsets.UTF_8));
    }

    /** The bytes to send for a reply built here (pure ASCII, so any of US-ASCII/UTF-8 reads them alike). */
    public static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode base(String status, String errorCode, String errorDesc) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", status);
        n.put("ErrorCode", errorCode);
        n.put("ErrorDesc", errorDesc == null ? "" : errorDesc);
        return n;
    }

    private static ObjectNode failNode(String errorCode, String errorDesc) {
        if (errorCode == null || errorCode.isBlank() || errorCode.trim().equals(SUCCESS_CODE)) {
            throw new IllegalArgumentException("a FAIL reply needs a non-zero ErrorCode, not " + errorCode);
        }
        return base(FAIL, errorCode, errorDesc);
    }

    private static <T> String list(List<T> items, Function<T, ObjectNode> item) {
        ObjectNode n = base(OK, SUCCESS_CODE, SUCCESS_DESC);
        ArrayNode data = n.putArray("data");
        if (items != null) {
            items.forEach(i -> data.add(item.apply(i)));
        }
        return write(n);
    }

    private static void put(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static String write(JsonNode n) {
        try {
            return asciiOnly(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Non-ASCII characters (only ever inside strings) as lowercase {@code \}{@code uXXXX}. */
    static String asciiOnly(String json) {
        StringBuilder sb = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0x7F) {
                if (sb == null) {
                    sb = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? json : sb.toString();
    }
}
