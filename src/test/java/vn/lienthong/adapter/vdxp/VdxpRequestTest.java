package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lienthong.adapter.vdxp.VdxpRequest.EdocStatus;

/** Reading requests independently of the transport (§1, §3). */
class VdxpRequestTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"/vdxp/sendEdoc,sendEdoc", "/vdxp//sendEdoc,sendEdoc", "/sendEdoc,sendEdoc", "/vdxp/getEdoc/,getEdoc",
        "/vdxp/getEdoc?x=1,getEdoc", "http://gw:8080/vdxp//updateStatus,updateStatus", "/a/b/getAgenciesListQD20,getAgenciesListQD20"})
    @DisplayName("§1 the operation is the last path segment after the endpoint base, // tolerated")
    void operationFromPath(String path, String op) {
        VdxpRequest r = VdxpRequest.of("POST", path, List.of(), new byte[0]);
        assertEquals(op, r.operationName());
        assertEquals(op, r.operation().orElseThrow().wireName());
    }

    @Test
    @DisplayName("unknown operations are named but not mapped; operation names match exactly, then ignoring case")
    void unknownOperation() {
        assertEquals(Optional.empty(), VdxpRequest.of("POST", "/vdxp/nope", List.of(), null).operation());
        assertEquals(Optional.of(VdxpOperation.GET_EDOC), VdxpOperation.fromName("getedoc"));
        assertEquals("", VdxpRequest.of("POST", "/", List.of(), null).operationName());
    }

    @Test
    @DisplayName("headers from a multimap (String, List or array values), looked up ignoring case, in order")
    void multimapHeaders() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("xroadvnpt-SYSTEMID", List.of("000.00.00.H12"));
        h.put("XroadVnpt-docid", new String[] {"a", "b"});
        h.put("XroadVnpt-status", "done ");
        h.put("Ignored", null);
        VdxpRequest r = VdxpRequest.of("POST", "/updateStatus", h, null);
        assertEquals(Optional.of("000.00.00.H12"), r.systemId());
        assertEquals(List.of("a", "b"), r.headers("XROADVNPT-DOCID"));
        assertEquals(Optional.of("a"), r.docId());
        assertEquals(Optional.of(EdocStatus.DONE), r.edocStatus());
        assertEquals(4, r.rawHeaders().size());
    }

    @Test
    @DisplayName("§2 timestamp ddMMyyyy'T'HHmmss+SSSS; other forms are read as absent, not as errors")
    void timestamp() {
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 21, 10, 58, 44, 310_000_000)), VdxpRequest.parseTimestamp("21112026T105844+0310"));
        assertEquals(Optional.of(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_000_000)), VdxpRequest.parseTimestamp("29022024T235959+0999"));
        assertEquals(Optional.empty(), VdxpRequest.parseTimestamp("31022024T000000+0000"));
        assertEquals(Optional.empty(), VdxpRequest.parseTimestamp("2026-11-21T10:58:44"));
        assertEquals(Optional.empty(), VdxpRequest.parseTimestamp("21112026T105844+1000"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "\"000.00.01.H12\"|000.00.01.H12",
        "000.00.01.H12|000.00.01.H12",
        "[{\"code\":\"A\"},{\"Code\":\"B\"}]|A,B",
        "[\"A\",\"B\"]|A,B",
        "[]|''"})
    @DisplayName("§4 to parsed as JSON: string, bare code, array of objects with code, array of strings")
    void toCodes(String to, String codes) {
        List<String> expected = codes.isEmpty() ? List.of() : List.of(codes.split(","));
        assertEquals(expected, VdxpRequest.codesOf(to));
    }

    @Test
    @DisplayName("§3 sendEdoc body: the file is the body without the SDK's trailing CRLF")
    void edocFile() {
        byte[] body = "<edXML/>\r\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("<edXML/>".getBytes(StandardCharsets.US_ASCII),
                VdxpRequest.of("POST", "/sendEdoc", List.of(), body).edocFile());
        assertArrayEquals("<edXML/>".getBytes(StandardCharsets.US_ASCII),
                VdxpRequest.of("POST", "/sendEdoc", List.of(), "<edXML/>".getBytes(StandardCharsets.US_ASCII)).edocFile());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"done,DONE", "DONE,DONE", " processing ,PROCESSING", "fail,FAIL", "failed,", "'',"})
    @DisplayName("§3 updateStatus status: processing, done or fail, leniently")
    void edocStatus(String wire, String expected) {
        assertEquals(Optional.ofNullable(expected).map(EdocStatus::valueOf), EdocStatus.fromWire(wire));
    }

    @Test
    @DisplayName("§2 header bytes are UTF-8: a value decoded byte-per-character is recovered; others are left alone")
    void utf8Recovery() {
        String sent = "Sở Nội vụ";
        String latin1 = new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(sent, VdxpRequest.utf8(latin1));
        assertEquals(sent, VdxpRequest.utf8(sent));
        assertEquals("café", VdxpRequest.utf8("café"), "a lone é is not UTF-8: kept");
        VdxpRequest r = VdxpRequest.of("POST", "/x", List.of(new VdxpHeader("XroadVnpt-name", latin1)), null);
        assertEquals(Optional.of(sent), r.param("name"));
    }

    @Test
    @DisplayName("parameters come from the signed JSON when it parses (case kept), else from the headers")
    void paramsFromSignedJson() {
        String sign = "{\"XroadVnpt-docid\":\"old\",\"XroadVnpt-docId\":\"new\"}";
        VdxpRequest r = VdxpRequest.of("POST", "/getEdoc", List.of(
                new VdxpHeader("xroadvnpt-docid", "old"), new VdxpHeader("xroadvnpt-docid", "new"),
                new VdxpHeader("XroadVnpt-sign-header", sign)), null);
        assertEquals(Optional.of("new"), r.docId());
        assertEquals(Map.of("docid", "old", "docId", "new"), r.signedMembers());
        VdxpRequest broken = VdxpRequest.of("POST", "/getEdoc", List.of(new VdxpHeader("XroadVnpt-docId", "h"),
                new VdxpHeader("XroadVnpt-sign-header", "{oops")), null);
        assertEquals(Optional.of("h"), broken.docId());
        assertTrue(broken.signHeaderProblem().isPresent());
        assertTrue(broken.jsonBody().isEmpty());
    }
}
