package vn.lienthong.adapter.soap;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.adapter.AgencyService;
import vn.lienthong.adapter.AgencyService.Caller;
import vn.lienthong.adapter.AgencyService.Denied;
import vn.lienthong.adapter.soap.api.FaultDetail;
import vn.lienthong.adapter.soap.api.FetchDocument;
import vn.lienthong.adapter.soap.api.FetchDocumentResponse;
import vn.lienthong.adapter.soap.api.GetHistory;
import vn.lienthong.adapter.soap.api.GetHistoryResponse;
import vn.lienthong.adapter.soap.api.HandInResult;
import vn.lienthong.adapter.soap.api.HistoryEvent;
import vn.lienthong.adapter.soap.api.LienthongFault;
import vn.lienthong.adapter.soap.api.ListMailbox;
import vn.lienthong.adapter.soap.api.ListMailboxResponse;
import vn.lienthong.adapter.soap.api.MailboxEntry;
import vn.lienthong.adapter.soap.api.Outcome;
import vn.lienthong.adapter.soap.api.PostStatus;
import vn.lienthong.adapter.soap.api.Reason;
import vn.lienthong.adapter.soap.api.SubmitPackage;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;

/**
 * The SOAP adapter's operations (routes/soap-api.yaml, contract schemas/soap/lienthong.wsdl), for
 * agency systems that only speak SOAP: each method takes the request object of one WSDL operation
 * (CXF POJO mode) and maps it to {@link AgencyService}, which does the work, checks that the agency
 * acts only as itself (R20) and writes the audit log. The caller is identified by the HTTP
 * {@code Authorization} header (Bearer token, or Basic with organisation id and token); a refused
 * call is answered with the WSDL's {@code LienthongFault}, a refused package with its reasons.
 */
public final class SoapApi {
    public static final String NAME = "soap";
    private static final String RESPONSE = "ltSoapResponse";

    private final AgencyService agencies;

    public SoapApi(AgencyService agencies) {
        this.agencies = agencies;
    }

    /** submitPackage: intake as the caller; the route then puts it on the inbound queue and calls {@link #answer}. */
    public void submitPackage(Exchange ex) throws IOException {
        SubmitPackage req = request(ex, SubmitPackage.class);
        try {
            Caller caller = authenticate(ex, "submit");
            try (InputStream body = req.getPackage() == null ? InputStream.nullInputStream() : req.getPackage().getInputStream()) {
                handedIn(ex, agencies.handIn(caller, req.getFileName(), body, "submit"));
            }
        } catch (Denied d) {
            fault(ex, d);
        }
    }

    /** postStatus: a status packet made for the caller, about a document in its mailbox (by id) or, for 13, one it sent. */
    public void postStatus(Exchange ex) throws IOException {
        PostStatus req = request(ex, PostStatus.class);
        try {
            Caller caller = authenticate(ex, "status");
            Inbound in = req.getId() != null ? agencies.reportOnReceived(caller, req.getId(), req.getCode(), req.getDescription())
                    : agencies.reportOnSent(caller, req.getDocumentId(), req.getCode(), req.getDescription());
            handedIn(ex, in);
        } catch (Denied d) {
            fault(ex, d);
        }
    }

    /** After the inbound queue has the package: the answer to the client. */
    public void answer(Exchange ex) {
        ex.getMessage().setBody(ex.getProperty(RESPONSE, HandInResult.class));
    }

    /** listMailbox: what waits for the caller. */
    public void listMailbox(Exchange ex) {
        ListMailbox req = request(ex, ListMailbox.class);
        try {
            Caller caller = authenticate(ex, "list");
            String box = req.getBox() == null ? "inbox" : req.getBox().value();
            ListMailboxResponse out = new ListMailboxResponse();
            for (Mailbox.Entry e : agencies.list(caller, box, Boolean.TRUE.equals(req.isIncludeFetched()))) {
                MailboxEntry m = new MailboxEntry();
                m.setId(e.id());
                m.setKind(e.kind());
                m.setDocumentId(e.documentId());
                m.setSender(e.sender());
                m.setStatusCode(e.statusCode());
                m.setFileName(e.fileName());
                m.setReceipt(e.receipt());
                m.setCreatedAt(VietnamTime.iso(e.createdAt()));
                m.setFetchedAt(e.fetchedAt() == null ? null : VietnamTime.iso(e.fetchedAt()));
                out.getEntry().add(m);
            }
            ex.getMessage().setBody(out);
        } catch (Denied d) {
            fault(ex, d);
        }
    }

    /** fetchDocument: the package from the caller's own mailbox, streamed from disk (MTOM for MTOM clients). */
    public void fetchDocument(Exchange ex) {
        FetchDocument req = request(ex, FetchDocument.class);
        try {
            Caller caller = authenticate(ex, "fetch");
            Path file = agencies.fetch(caller, req.getId());
            FetchDocumentResponse out = new FetchDocumentResponse();
            out.setId(req.getId());
            out.setFileName(file.getFileName().toString());
            out.setPackage(new DataHandler(new FileDataSource(file.toFile()) {
                @Override
                public String getContentType() {
                    return "application/xml";
                }
            }));
            ex.getMessage().setBody(out);
        } catch (Denied d) {
            fault(ex, d);
        }
    }

    /** getHistory: a document's history (R16), for its sender and receivers only. */
    public void getHistory(Exchange ex) {
        GetHistory req = request(ex, GetHistory.class);
        try {
            Caller caller = authenticate(ex, "history");
            GetHistoryResponse out = new GetHistoryResponse();
            agencies.history(caller, req.getSender(), req.getDocumentId()).forEach(e -> {
                HistoryEvent h = new HistoryEvent();
                h.setAt(VietnamTime.iso(e.at()));
                h.setEvent(e.what());
                h.setAgency(e.agency());
                h.setDetail(e.detail());
                out.getEvent().add(h);
            });
            ex.getMessage().setBody(out);
        } catch (Denied d) {
            fault(ex, d);
        }
    }

    private void handedIn(Exchange ex, Inbound in) throws IOException {
        HandInResult r = new HandInResult();
        r.setIntakeKey(in.intakeKey());
        r.setOutcome(in.refused() ? Outcome.REFUSED : Outcome.ACCEPTED);
        r.setDocumentId(in.documentId());
        r.setReceivedAt(in.receivedAt());
        r.setLegalValue(in.legalValue());
        r.getReason().addAll(reasons(in.refusals()));
        r.getWarning().addAll(reasons(in.warnings()));
        ex.setProperty(RESPONSE, r);
        Message m = ex.getMessage();
        m.removeHeaders("*", "CamelCxf*");   // the caller's HTTP headers (its token) stay out of the queue
        m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
        m.setBody(in.toJson());
    }

    private static List<Reason> reasons(List<Finding> findings) {
        return findings == null ? List.of() : findings.stream().map(f -> {
            Reason r = new Reason();
            r.setCode(f.reason().code());
            r.setVietnamese(f.reason().vietnamese());
            r.setEnglish(f.reason().english());
            r.setDetail(f.detail());
            r.setSentence(f.sentence());
            return r;
        }).toList();
    }

    /** A refused call: the body becomes the WSDL fault, which camel-cxf sends as a SOAP fault; nothing more is done. */
    private static void fault(Exchange ex, Denied d) {
        FaultDetail detail = new FaultDetail();
        detail.setCode(d.kind().name());
        detail.setEnglish(d.english());
        detail.setVietnamese(d.vietnamese());
        org.apache.cxf.interceptor.Fault fault = new org.apache.cxf.interceptor.Fault(
                new LienthongFault(d.vietnamese() + " / " + d.english(), detail));
        fault.setFaultCode(org.apache.cxf.interceptor.Fault.FAULT_CODE_CLIENT);   // the caller's doing: soap:Client
        ex.getMessage().setBody(fault);
        ex.setRouteStop(true);
    }

    private Caller authenticate(Exchange ex, String action) throws Denied {
        org.apache.cxf.message.Message cxf = ex.getMessage().getHeader("CamelCxfMessage", org.apache.cxf.message.Message.class);
        String authorization = null;
        String remote = null;
        if (cxf != null) {
            Object headers = cxf.get(org.apache.cxf.message.Message.PROTOCOL_HEADERS);
            if (headers instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> h : map.entrySet()) {
                    if ("Authorization".equalsIgnoreCase(String.valueOf(h.getKey())) && h.getValue() instanceof List<?> values
                            && !values.isEmpty()) {
                        authorization = String.valueOf(values.get(0));
                    }
                }
            }
            if (cxf.get("HTTP.REQUEST") instanceof jakarta.servlet.http.HttpServletRequest http) remote = http.getRemoteAddr();
        }
        return agencies.authenticate(NAME, action, authorization, remote);
    }

    private static <T> T request(Exchange ex, Class<T> type) {
        Object body = ex.getMessage().getBody();
        if (body instanceof List<?> parts) {
            for (Object p : parts) if (type.isInstance(p)) return type.cast(p);
        }
        if (type.isInstance(body)) return type.cast(body);
        throw new IllegalArgumentException("expected a " + type.getSimpleName() + " request, got " + (body == null ? null : body.getClass()));
    }
}
