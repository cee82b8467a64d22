package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.lienthong.adapter.vdxp.VdxpResponses.Agency;
import vn.lienthong.adapter.vdxp.VdxpResponses.AgencyQD20;
import vn.lienthong.adapter.vdxp.VdxpResponses.SentEdoc;
import vn.lienthong.adapter.vdxp.VdxpResponses.SyncUnit;

/** §3 "Response keys" and "Recommended replies". */
class VdxpResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    @DisplayName("§3 recommended success and failure replies (updateStatus, registerAgency, deleteAgency)")
    void base() throws Exception {
        assertEquals("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\"}", VdxpResponses.ok());
        assertEquals(tree("{\"status\":\"FAIL\",\"ErrorCode\":\"404\",\"ErrorDesc\":\"Kh\\u00f4ng t\\u00ecm th\\u1ea5y\"}"),
                tree(VdxpResponses.fail("404", "Không tìm thấy")));
        assertEquals("{\"status\":\"FAIL\",\"ErrorCode\":\"404\",\"ErrorDesc\":\"Kh\\u00f4ng t\\u00ecm th\\u1ea5y\"}",
                VdxpResponses.fail("404", "Không tìm thấy"));
        assertEquals("", tree(VdxpResponses.fail("1", null)).get("ErrorDesc").asText(), "ErrorDesc never null");
        assertThrows(IllegalArgumentException.class, () -> VdxpResponses.fail("0", "x"));
        assertThrows(IllegalArgumentException.class, () -> VdxpResponses.fail(" ", "x"));
    }

    @Test
    @DisplayName("§3 sendEdoc: base + DocId (capital D, capital I), also on failure")
    void sendEdoc() throws Exception {
        assertEquals("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"DocId\":\"d-1\"}", VdxpResponses.sendEdocOk("d-1"));
        assertEquals(tree("{\"status\":\"FAIL\",\"ErrorCode\":\"401\",\"ErrorDesc\":\"x\",\"DocId\":\"\"}"),
                tree(VdxpResponses.sendEdocFail("401", "x")));
    }

    @Test
    @DisplayName("§3 getSentEdocList items: the 14 keys as the SDK reads them; null fields left out; data [] when empty")
    void sentList() throws Exception {
        String json = VdxpResponses.sentEdocList(List.of(new SentEdoc("eDoc", "r-1", "000.00.01.H12", "done", "Công văn 12",
                "edoc", "12/UBND-VP", "2024-11-21 10:05:00", "2024-11-21 10:00:00", "sent", "Đã gửi", "s-1", "000.00.00.H12", "Đã xử lý")));
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[{\"serviceType\":\"eDoc\","
                + "\"receiverDocId\":\"r-1\",\"toCode\":\"000.00.01.H12\",\"receiveStatus\":\"done\",\"title\":\"Công văn 12\","
                + "\"messageType\":\"edoc\",\"notation\":\"12/UBND-VP\",\"receivedTime\":\"2024-11-21 10:05:00\","
                + "\"sentTime\":\"2024-11-21 10:00:00\",\"sendStatus\":\"sent\",\"sendStatusDesc\":\"Đã gửi\",\"senderDocId\":\"s-1\","
                + "\"fromCode\":\"000.00.00.H12\",\"receiveStatusDesc\":\"Đã xử lý\"}]}"), tree(json));
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[]}"),
                tree(VdxpResponses.sentEdocList(List.of())));
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[{\"docId\":\"x\"}]}"),
                tree(VdxpResponses.receivedEdocList(List.of(new VdxpResponses.ReceivedEdoc("x", null, null, null, null, null, null, null, null)))));
    }

    @Test
    @DisplayName("§3 getEdoc: data is standard base64 of the edXML bytes")
    void getEdoc() throws Exception {
        byte[] edxml = "<edXML>Ủy ban nhân dân</edXML>".getBytes(StandardCharsets.UTF_8);
        JsonNode n = tree(VdxpResponses.edoc(edxml));
        assertEquals("OK", n.get("status").asText());
        assertEquals("0", n.get("ErrorCode").asText());
        assertArrayEquals(edxml, Base64.getDecoder().decode(n.get("data").asText()));
        assertTrue(n.get("data").asText().matches("[A-Za-z0-9+/=]+"));
    }

    @Test
    @DisplayName("§3 downloadEdoc: the raw bytes; an empty success is refused (it means FAIL/100 to the SDK)")
    void downloadEdoc() {
        byte[] edxml = "<edXML/>".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(edxml, VdxpResponses.downloadEdoc(edxml));
        assertThrows(IllegalArgumentException.class, () -> VdxpResponses.downloadEdoc(new byte[0]));
    }

    @Test
    @DisplayName("§3 countReceiveEdoc/countReceiveStatus: base + count as a number")
    void count() {
        assertEquals("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"count\":7}", VdxpResponses.count(7));
    }

    @Test
    @DisplayName("§3 getAgenciesList, getAgenciesListQD20 (no pid), getSynchronizeUnit (int version, boolean deleted/isAgency)")
    void agencyLists() throws Exception {
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[{\"id\":\"1\",\"pid\":\"0\","
                        + "\"code\":\"000.00.00.H12\",\"name\":\"UBND tỉnh\",\"mail\":\"ubnd@example.vn\",\"oldCode\":\"H12\"}]}"),
                tree(VdxpResponses.agenciesList(List.of(new Agency("1", "0", "000.00.00.H12", "UBND tỉnh", "ubnd@example.vn", "H12")))));
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[{\"id\":\"1\","
                        + "\"code\":\"000.00.00.H12\",\"name\":\"UBND\",\"mail\":\"m\",\"code102\":\"G12\"}]}"),
                tree(VdxpResponses.agenciesListQD20(List.of(new AgencyQD20("1", "000.00.00.H12", "UBND", "m", "G12")))));
        JsonNode u = tree(VdxpResponses.synchronizeUnits(List.of(
                new SyncUnit("1", "0", "000.00.00.H12", "UBND", "m", "C1", 3, false, "2024-11-21", true)))).get("data").get(0);
        assertTrue(u.get("version").isInt());
        assertTrue(u.get("deleted").isBoolean());
        assertTrue(u.get("isAgency").asBoolean());
        assertEquals(10, u.size());
        assertEquals(tree("{\"status\":\"OK\",\"ErrorCode\":\"0\",\"ErrorDesc\":\"Success\",\"data\":[]}"),
                tree(VdxpResponses.agenciesList(null)));
    }

    @Test
    @DisplayName("§3 every reply is pure ASCII (sendEdoc's is decoded as US-ASCII); escapes round-trip, surrogate pairs included")
    void asciiOnly() throws Exception {
        String desc = "Thành công ✓ 𝄞";
        String json = VdxpResponses.sendEdocOk("d", desc);
        assertTrue(json.chars().allMatch(c -> c < 0x80), json);
        assertEquals(desc, tree(new String(VdxpResponses.bytes(json), StandardCharsets.US_ASCII)).get("ErrorDesc").asText());
        assertEquals(desc, VdxpResponses.parseLenient(json).orElseThrow().get("ErrorDesc").asText());
    }

    @Test
    @DisplayName("§3 JSON leniency: replies and bodies read like gson 2.2 (single quotes, unquoted, numbers as strings)")
    void parseLenient() {
        JsonNode n = VdxpResponses.parseLenient("{status:'OK', ErrorCode:0, ErrorDesc:\"Success\",\n  data:[{docId:abc-1}]}").orElseThrow();
        assertEquals("OK", n.get("status").asText());
        assertEquals("0", n.get("ErrorCode").asText());
        assertEquals("abc-1", n.get("data").get(0).get("docId").asText());
        assertTrue(VdxpResponses.parseLenient("<html>502</html>").isEmpty());
        assertTrue(VdxpResponses.parseLenient("  ").isEmpty());
        assertTrue(VdxpResponses.parseLenient("{}".getBytes(StandardCharsets.UTF_8)).orElseThrow().isEmpty());
    }
}
