package vn.lienthong.adapter.vdxp;

import java.util.Optional;

/**
 * The operations of the national axis as the SDK calls them (VDXP-PROTOCOL.md §3): path
 * {@code /<wireName>}, the HTTP method and Content-Type it sends, what its body is, and which HTTP stack
 * sends it (which decides the order of the plain {@code Content-Type} header and what the stack adds).
 */
public enum VdxpOperation {
    SEND_EDOC("sendEdoc", "POST", Body.FILE_CRLF, true),
    GET_RECEIVED_EDOC_LIST("getReceivedEdocList", "POST", Body.EMPTY, false),
    GET_SENT_EDOC_LIST("getSentEdocList", "POST", Body.EMPTY, false),
    GET_EDOC("getEdoc", "POST", Body.EMPTY_OBJECT, false),
    DOWNLOAD_EDOC("downloadEdoc", "GET", Body.NONE, false),
    UPDATE_STATUS("updateStatus", "POST", Body.EMPTY_OBJECT, false),
    /** The SDK documents GET but sends POST. */
    COUNT_RECEIVE_EDOC("countReceiveEdoc", "POST", Body.EMPTY_OBJECT, false),
    /** The SDK documents GET but sends POST. */
    COUNT_RECEIVE_STATUS("countReceiveStatus", "POST", Body.EMPTY_OBJECT, false),
    GET_AGENCIES_LIST("getAgenciesList", "POST", Body.EMPTY, false),
    GET_AGENCIES_LIST_QD20("getAgenciesListQD20", "POST", Body.EMPTY, false),
    /** The body is the caller's {@code data} string verbatim (UTF-8), not validated and not signed. */
    REGISTER_AGENCY("registerAgency", "POST", Body.DATA, false),
    DELETE_AGENCY("deleteAgency", "POST", Body.EMPTY_OBJECT, false),
    GET_SYNCHRONIZE_UNIT("getSynchronizeUnit", "POST", Body.EMPTY, false);

    /** What the SDK puts in the request body. */
    public enum Body {
        /** The edXML file followed by CRLF. */
        FILE_CRLF,
        /** Nothing, {@code Content-Length: 0}. */
        EMPTY,
        /** The two bytes {@code {}}. */
        EMPTY_OBJECT,
        /** The caller's data string. */
        DATA,
        /** A GET without a body. */
        NONE
    }

    public static final String JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";

    private final String wireName;
    private final String httpMethod;
    private final Body body;
    private final boolean httpUrlConnection;

    VdxpOperation(String wireName, String httpMethod, Body body, boolean httpUrlConnection) {
        this.wireName = wireName;
        this.httpMethod = httpMethod;
        this.body = body;
        this.httpUrlConnection = httpUrlConnection;
    }

    /** The path segment, exactly as the SDK writes it. */
    public String wireName() {
        return wireName;
    }

    /** The method the SDK uses; a server should not insist on it (the SDK's own docs disagree). */
    public String httpMethod() {
        return httpMethod;
    }

    /** The Content-Type the SDK sends (the map's value, which wins over the entity's type). */
    public String contentType() {
        return this == SEND_EDOC ? OCTET_STREAM : JSON;
    }

    public Body body() {
        return body;
    }

    /** True for sendEdoc, sent with {@code java.net.HttpURLConnection}; the rest use Apache HttpClient. */
    public boolean usesHttpUrlConnection() {
        return httpUrlConnection;
    }

    /** Whether the response is a list whose success reply must carry {@code "data":[]} at least. */
    public boolean returnsList() {
        return this == GET_RECEIVED_EDOC_LIST || this == GET_SENT_EDOC_LIST || this == GET_AGENCIES_LIST
                || this == GET_AGENCIES_LIST_QD20 || this == GET_SYNCHRONIZE_UNIT;
    }

    /** The operation named by a path segment: exact spelling first, then ignoring case. */
    public static Optional<VdxpOperation> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (VdxpOperation op : values()) {
            if (op.wireName.equals(name)) {
                return Optional.of(op);
            }
        }
        for (VdxpOperation op : values()) {
            if (op.wireName.equalsIgnoreCase(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
