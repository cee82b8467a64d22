package vn.lienthong.adapter.soap;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.activation.DataHandler;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.RunningGateway;
import vn.lienthong.adapter.soap.api.Box;
import vn.lienthong.adapter.soap.api.FetchDocument;
import vn.lienthong.adapter.soap.api.FetchDocumentResponse;
import vn.lienthong.adapter.soap.api.GetHistory;
import vn.lienthong.adapter.soap.api.HandInResult;
import vn.lienthong.adapter.soap.api.HistoryEvent;
import vn.lienthong.adapter.soap.api.LienthongFault;
import vn.lienthong.adapter.soap.api.LienthongPort;
import vn.lienthong.adapter.soap.api.ListMailbox;
import vn.lienthong.adapter.soap.api.MailboxEntry;
import vn.lienthong.adapter.soap.api.Outcome;
import vn.lienthong.adapter.soap.api.PostStatus;
import vn.lienthong.adapter.soap.api.SubmitPackage;
import vn.lienthong.pipeline.TestGatewayAccess;

/**
 * The SOAP adapter over real SOAP over HTTP, from outside the gateway: a JAX-WS client built from the
 * served WSDL (MTOM) and raw SOAP 1.1 envelopes with java.net.http (what a non-Java client sees).
 * Across adapters: a package submitted over SOAP reaches a drop-folder agency and its 01 comes back
 * to the SOAP agency's mailbox; a document dropped by a file agency is listed, fetched and answered
 * over SOAP. Tokens, acting only as oneself (R20, E301) and the audit log.
 */
class SoapApiTest extends RunningGateway {
    static final String FILE_AGENCY = "000.00.13.H41";      // Sở TT&TT: drop folders
    static final String SOAP_AGENCY = "000.00.45.H41";      // UBND TP Vinh: mailbox (fetched over SOAP)
    static final String OTHER = "000.00.05.H41";            // Sở Nội vụ: drop folders
    static final String NS = "urn:vn:lienthong:soap:v1";
    // ------------------------------------------------------------------ clients

    /** A JAX-WS client as an agency's Java system would build it: from the served WSDL, MTOM on. */
    LienthongPort client(String authorization, List<String> answerTypes) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(LienthongPort.class);
        f.setWsdlURL(soapAddress() + "?wsdl");
        f.setAddress(soapAddress());
        LienthongPort port = (LienthongPort) f.create();
        ((jakarta.xml.ws.soap.SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
        if (authorization != null) {
            ((BindingProvider) port).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                    Map.of("Authorization", List.of(authorization)));
        }
        Client c = ClientProxy.getClient(port);
        c.getInInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                answerTypes.add(String.valueOf(message.get(Message.CONTENT_TYPE)));
            }
        });
        return port;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String agency, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((agency + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** A raw SOAP 1.1 envelope, as a .NET or PHP client (or curl) would post it. */
    HttpResponse<String> raw(String operation, String authorization, String body) throws Exception {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:lt=\"" + NS + "\">"
                + "<soapenv:Header/><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(soapAddress())).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + NS + ":" + operation + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        if (authorization != null) b.header("Authorization", authorization);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String demoTo(String receiver, String documentId) throws Exception {
        return Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>" + receiver + "</edXML:OrganId>")
                .replace("000.00.13.H41-2026.1<", documentId + "<");
    }

    static String from(String sender, String pkg) {
        return pkg.replace("<edXML:OrganId>000.00.13.H41</edXML:OrganId>", "<edXML:OrganId>" + sender + "</edXML:OrganId>");
    }

    List<MailboxEntry> await(LienthongPort port, Box box, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            ListMailbox req = new ListMailbox();
            req.setBox(box);
            List<MailboxEntry> entries = port.listMailbox(req).getEntry();
            if (entries.size() >= count) return entries;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + count + " in " + box);
            Thread.sleep(50);
        }
    }

    static String text(DataHandler h) throws Exception {
        try (var in = h.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theWsdlFromSchemasIsServedWithTheRunningAddress() throws Exception {
        HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(URI.create(soapAddress() + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, wsdl.statusCode());
        for (String op : List.of("submitPackage", "listMailbox", "fetchDocument", "postStatus", "getHistory")) {
            assertTrue(wsdl.body().contains("<wsdl:operation name=\"" + op + "\""), op + " in the WSDL");
        }
        assertTrue(wsdl.body().contains("location=\"" + soapAddress() + "\""), "the address clients call: " + wsdl.body());
        HttpResponse<String> xsd = http.send(HttpRequest.newBuilder(URI.create(soapAddress() + "?xsd=lienthong.xsd")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, xsd.statusCode());
        assertTrue(xsd.body().contains("name=\"submitPackage\"") && xsd.body().contains("expectedContentTypes"), xsd.body());
    }

    @Test
    void rawEnvelopeSubmissionReachesADropFolderAgencyAndItsStatusComesBack() throws Exception {
        String pkg = from(SOAP_AGENCY, demoTo(OTHER, "000.00.45.H41-2026.21"));
        HttpResponse<String> r = raw("submitPackage", bearer("demo-token-vinh"), "<lt:submitPackage><lt:fileName>cv-21.edxml</lt:fileName>"
                + "<lt:package>" + Base64.getEncoder().encodeToString(pkg.getBytes(StandardCharsets.UTF_8)) + "</lt:package></lt:submitPackage>");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"), "a plain request gets a plain answer");
        assertTrue(r.body().contains("<outcome>accepted</outcome>") || r.body().contains(":outcome>accepted<"), r.body());
        assertTrue(r.body().matches("(?s).*receivedAt>\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+07:00<.*"), r.body());
        gw.awaitFile(OTHER, "inbox", "000.00.45.H41-2026.21");                   // delivered into the file agency's inbox

        // the 01 about it waits in the SOAP agency's mailbox
        HttpResponse<String> list = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            list = raw("listMailbox", bearer("demo-token-vinh"), "<lt:listMailbox><lt:box>status</lt:box></lt:listMailbox>");
            if (list.body().contains("<kind>STATUS</kind>")) break;
            Thread.sleep(50);
        }
        assertTrue(list.body().contains("<kind>STATUS</kind>") && list.body().contains("000.00.45.H41-2026.21"), list.body());
        String id = list.body().replaceAll("(?s).*<(?:\\w+:)?id>(\\d+)</(?:\\w+:)?id>.*", "$1");
        HttpResponse<String> fetched = raw("fetchDocument", bearer("demo-token-vinh"), "<lt:fetchDocument><lt:id>" + id + "</lt:id></lt:fetchDocument>");
        assertEquals(200, fetched.statusCode(), fetched.body());
        String b64 = fetched.body().replaceAll("(?s).*<(?:\\w+:)?package>([^<]+)</(?:\\w+:)?package>.*", "$1");
        String status = new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
        assertTrue(status.contains("<edXML:StatusCode>01</edXML:StatusCode>"), "inline base64 for a client without MTOM: " + status);
        assertEquals(1L, gw.<Long>sql("SELECT COUNT(*) FROM package WHERE handed_in_by = ? AND adapter = 'soap'", SOAP_AGENCY));
    }

    @Test
    void fileAgencySendsSoapAgencyFetchesOverMtomAnswersAndReadsTheHistory() throws Exception {
        gw.drop(FILE_AGENCY, "to-vinh.edxml", demoTo(SOAP_AGENCY, "000.00.13.H41-2026.41").getBytes(StandardCharsets.UTF_8));
        List<String> answerTypes = new ArrayList<>();
        LienthongPort vinh = client(basic(SOAP_AGENCY, "demo-token-vinh"), answerTypes);   // HTTP Basic: id + token
        MailboxEntry entry = await(vinh, Box.INBOX, 1).get(0);
        assertEquals("000.00.13.H41-2026.41", entry.getDocumentId());
        assertEquals(FILE_AGENCY, entry.getSender());
        assertTrue(entry.getReceipt().contains("incomingNumber"), entry.getReceipt());
        gw.awaitFile(FILE_AGENCY, "status", ">01<");                               // in the SOAP agency's mailbox = arrived

        FetchDocument fetch = new FetchDocument();
        fetch.setId(entry.getId());
        FetchDocumentResponse doc = vinh.fetchDocument(fetch);
        assertTrue(text(doc.getPackage()).contains("<edXML:DocumentId>000.00.13.H41-2026.41</edXML:DocumentId>"));
        assertTrue(answerTypes.get(answerTypes.size() - 1).startsWith("multipart/related"),
                "an MTOM client gets the package as an MTOM attachment: " + answerTypes);

        PostStatus status = new PostStatus();
        status.setId(entry.getId());
        status.setCode("03");
        status.setDescription("Đã vào sổ văn bản đến");
        HandInResult answer = vinh.postStatus(status);
        assertEquals(Outcome.ACCEPTED, answer.getOutcome(), () -> answer.getReason().toString());
        gw.awaitFile(FILE_AGENCY, "status", ">03<");                               // relayed to the drop-folder sender

        GetHistory history = new GetHistory();
        history.setDocumentId("000.00.13.H41-2026.41");
        history.setSender(FILE_AGENCY);
        List<HistoryEvent> events = vinh.getHistory(history).getEvent();
        assertTrue(events.stream().anyMatch(e -> e.getEvent().startsWith("status 03")), events.toString());
        assertTrue(events.stream().allMatch(e -> e.getAt().endsWith("+07:00")));
        assertTrue(await(vinh, Box.INBOX, 0).isEmpty(), "fetched ones are no longer listed");
    }

    @Test
    void mtomSubmissionAndTheSendersTakeBackRequest() throws Exception {
        List<String> answerTypes = new ArrayList<>();
        LienthongPort vinh = client(bearer("demo-token-vinh"), answerTypes);
        SubmitPackage submit = new SubmitPackage();
        submit.setFileName("cv-22.edxml");
        submit.setPackage(new DataHandler(new jakarta.activation.DataSource() {
            final byte[] bytes = from(SOAP_AGENCY, demoTo(OTHER, "000.00.45.H41-2026.22")).getBytes(StandardCharsets.UTF_8);
            public java.io.InputStream getInputStream() { return new ByteArrayInputStream(bytes); }
            public java.io.OutputStream getOutputStream() { throw new UnsupportedOperationException(); }
            public String getContentType() { return "application/xml"; }
            public String getName() { return "cv-22.edxml"; }
        }));
        HandInResult r = vinh.submitPackage(submit);
        assertEquals(Outcome.ACCEPTED, r.getOutcome(), () -> r.getReason().toString());
        assertEquals("000.00.45.H41-2026.22", r.getDocumentId());
        gw.awaitFile(OTHER, "inbox", "000.00.45.H41-2026.22");

        PostStatus takeBack = new PostStatus();                                     // 13: about its own document
        takeBack.setDocumentId("000.00.45.H41-2026.22");
        takeBack.setCode("13");
        takeBack.setDescription("Văn bản gửi nhầm");
        assertEquals(Outcome.ACCEPTED, vinh.postStatus(takeBack).getOutcome());
        gw.awaitFile(OTHER, "status", ">13<");                                     // reaches the receiver's drop folder
    }

    @Test
    void wrongTokensAreRefusedWithAFaultAndAnAgencyActsOnlyAsItself() throws Exception {
        HttpResponse<String> none = raw("listMailbox", null, "<lt:listMailbox/>");
        assertEquals(500, none.statusCode());
        assertTrue(none.body().contains("Fault>") && none.body().contains(":Client</faultcode>") && none.body().contains("missing or unknown token")
                && none.body().contains("UNAUTHENTICATED") && none.body().contains("Thiếu hoặc sai mã truy cập"), none.body());

        HttpResponse<String> empty = raw("submitPackage", bearer("demo-token-vinh"), "<lt:submitPackage><lt:package></lt:package></lt:submitPackage>");
        assertTrue(empty.statusCode() == 500 && empty.body().contains("BAD_REQUEST") && empty.body().contains("empty package"), empty.body());

        LienthongFault stolen = assertThrows(LienthongFault.class,
                () -> client(bearer("stolen-token"), new ArrayList<>()).listMailbox(new ListMailbox()));
        assertEquals("UNAUTHENTICATED", stolen.getFaultInfo().getCode());
        // a real token, presented as another agency's (HTTP Basic user = UBND Vinh, token of the Sở TT&TT)
        LienthongFault mismatched = assertThrows(LienthongFault.class,
                () -> client(basic(SOAP_AGENCY, "demo-token-stttt"), new ArrayList<>()).listMailbox(new ListMailbox()));
        assertEquals("UNAUTHENTICATED", mismatched.getFaultInfo().getCode());

        // the Sở TT&TT's token may not send as UBND Vinh: refused with the reason, in Vietnamese and English
        LienthongPort stttt = client(bearer("demo-token-stttt"), new ArrayList<>());
        SubmitPackage forged = new SubmitPackage();
        forged.setPackage(new DataHandler(from(SOAP_AGENCY, demoTo(OTHER, "000.00.45.H41-2026.23")).getBytes(StandardCharsets.UTF_8),
                "application/octet-stream"));
        HandInResult refused = stttt.submitPackage(forged);
        assertEquals(Outcome.REFUSED, refused.getOutcome());
        var e301 = refused.getReason().stream().filter(x -> x.getCode().equals("E301")).findFirst().orElseThrow();
        assertEquals("Cơ quan gửi không khớp với tài khoản đã gửi gói tin", e301.getVietnamese());
        assertTrue(e301.getSentence().contains("The sender in the package is not the agency that handed it in"));

        // another agency cannot fetch UBND Vinh's mail nor read its history
        gw.drop(FILE_AGENCY, "to-vinh.edxml", demoTo(SOAP_AGENCY, "000.00.13.H41-2026.42").getBytes(StandardCharsets.UTF_8));
        long id = await(client(bearer("demo-token-vinh"), new ArrayList<>()), Box.INBOX, 1).get(0).getId();
        FetchDocument fetch = new FetchDocument();
        fetch.setId(id);
        LienthongPort snv = client(bearer("demo-token-snv"), new ArrayList<>());
        assertEquals("NOT_FOUND", assertThrows(LienthongFault.class, () -> snv.fetchDocument(fetch)).getFaultInfo().getCode());
        GetHistory history = new GetHistory();
        history.setDocumentId("000.00.13.H41-2026.42");
        history.setSender(FILE_AGENCY);
        assertEquals("NOT_FOUND", assertThrows(LienthongFault.class, () -> snv.getHistory(history)).getFaultInfo().getCode());
        PostStatus bogus = new PostStatus();
        bogus.setId(id);
        bogus.setCode("01");                                                      // the gateway's own code
        LienthongPort vinh = client(bearer("demo-token-vinh"), new ArrayList<>());
        LienthongFault badCode = assertThrows(LienthongFault.class, () -> vinh.postStatus(bogus));
        assertEquals("BAD_REQUEST", badCode.getFaultInfo().getCode());
        assertTrue(badCode.getFaultInfo().getEnglish().contains("E611"), badCode.getFaultInfo().getEnglish());

        long denied = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'soap' AND outcome = 'DENIED'");
        long refusedAudit = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'soap' AND outcome = 'REFUSED' AND agency_id = ?", FILE_AGENCY);
        long allowed = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'soap' AND outcome = 'ALLOWED' AND agency_id = ?", SOAP_AGENCY);
        long withAddress = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'soap' AND remote = '127.0.0.1'");
        assertTrue(withAddress >= denied, "the caller's address is recorded");
        assertTrue(denied >= 6 && refusedAudit == 1 && allowed >= 1,
                "every access is in the audit log: denied " + denied + ", refused " + refusedAudit + ", allowed " + allowed);
    }

    @Test
    void soapDisabledInGatewayYamlLeavesTheServiceOut() throws Exception {
        gw.close();
        gw = TestGatewayAccess.start(home.resolve("off"), h -> {
            Path yaml = h.resolve("config/gateway.yaml");
            Files.writeString(yaml, Files.readString(yaml).replaceFirst("(?m)^(soap:.*\\n  enabled:) true", "$1 false"));
        });
        assertNull(gw.camel().getRoute("soap-api"), "no SOAP route");
        assertThrows(java.io.IOException.class, () -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gw.soapPort() + "/soap/lienthong?wsdl")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
