package vn.lienthong.adapter.rest;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;

/**
 * The published metadata schema ({@code schemas/document-metadata.schema.json}, also {@code DocumentMetadata} in
 * openapi.json) and the checks in {@link DocumentMetadata} say the same: the same fields, the same required ones, and a
 * sample with every field the schema defines is accepted.
 */
class DocumentMetadataTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AgencyRegistry REGISTRY = new AgencyRegistry(List.of(
            new Agency("000.00.45.H41", "UBND thành phố Vinh", null, null, null),
            new Agency("000.00.05.H41", "Sở Nội vụ", null, null, null)));

    static JsonNode schema() throws Exception {
        return JSON.readTree(Files.readString(Path.of("schemas/document-metadata.schema.json")));
    }

    /** A value for every property of the schema. */
    static ObjectNode full() {
        ObjectNode m = DocumentFormTest.metadata("000.00.45.H41-2026.50");
        m.put("typeDetail", "2");
        m.put("sphereOfPromulgation", "Toàn tỉnh");
        m.put("typerNotation", "TB");
        m.put("promulgationAmount", 10);
        m.putArray("responseFor").addObject().put("organId", "000.00.05.H41").put("documentId", "000.00.05.H41-2026.3")
                .put("code", "3/SNV-VP").put("promulgationDate", "2026-11-01");
        m.put("businessType", "replace");
        m.put("businessReason", "Thay thế văn bản có sai sót");
        m.putArray("replaces").add("000.00.45.H41-2026.9");
        m.with("staff").put("mobile", "0912345678");
        return m;
    }

    static DocumentMetadata parse(JsonNode m) throws Exception {
        return DocumentMetadata.parse(JSON.writeValueAsBytes(m), REGISTRY);
    }

    @Test
    void theCodeKnowsExactlyTheFieldsOfThePublishedSchema() throws Exception {
        Set<String> properties = new HashSet<>();
        schema().get("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(properties, DocumentMetadata.FIELDS);
        ObjectNode all = full();
        Set<String> sample = new HashSet<>();
        all.fieldNames().forEachRemaining(sample::add);
        assertEquals(properties, sample, "the sample uses every field");
        DocumentMetadata m = parse(all);
        assertTrue(m.valid(), m.errors().toString());
        assertFalse(schema().get("additionalProperties").asBoolean(true));
        ObjectNode extra = all.deepCopy();
        extra.put("from", "000.00.05.H41");
        assertEquals(List.of("E121 from"), parse(extra).errors().stream().map(e -> e.finding().reason().code() + " " + e.field()).toList());
    }

    @Test
    void requiredInTheSchemaIsExactlyWhatTheCodeRefusesWhenMissing() throws Exception {
        List<String> required = JSON.convertValue(schema().get("required"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertEquals(required, DocumentMetadata.REQUIRED);
        ObjectNode base = full();
        base.put("businessType", "new");           // conditional requirements apart
        for (String field : DocumentMetadata.FIELDS) {
            ObjectNode m = base.deepCopy();
            m.remove(field);
            List<String> missing = parse(m).errors().stream().filter(e -> e.finding().reason().code().equals("E200")).map(e -> e.field()).toList();
            if (required.contains(field)) assertEquals(List.of(field), missing, "missing " + field + " is refused");
            else assertEquals(List.of(), missing, field + " is optional");
        }
    }

    @Test
    void conditionalRequirementsOfTheSchemaAreChecked() throws Exception {
        JsonNode allOf = schema().get("allOf");
        assertEquals("documentId", allOf.get(0).get("then").get("required").get(0).asText());
        assertEquals("replaces", allOf.get(1).get("then").get("required").get(0).asText());
        ObjectNode recall = full();
        recall.remove("documentId");
        recall.put("businessType", "recall");
        assertTrue(parse(recall).errors().stream().anyMatch(e -> e.field().equals("documentId") && e.finding().reason().code().equals("E200")));
        ObjectNode replace = full();
        replace.remove("replaces");
        assertTrue(parse(replace).errors().stream().anyMatch(e -> e.field().equals("replaces") && e.finding().reason().code().equals("E200")));
    }

    @Test
    void wrongTypesAndFormsAreRefusedWithTheFieldNamed() throws Exception {
        ObjectNode m = full();
        m.put("to", "000.00.05.H41");
        m.put("pageAmount", "hai");
        m.put("direction", "yes");
        m.put("dueDate", "31/12/2026");
        m.put("documentType", "Công văn");
        m.put("subject", "x".repeat(2001));
        m.with("staff").put("phone", "1");
        m.withArray("responseFor").addObject().put("organId", "bad id");
        List<String> got = parse(m).errors().stream().map(e -> e.finding().reason().code() + " " + e.field()).toList();
        assertTrue(got.containsAll(List.of("E122 to", "E122 pageAmount", "E122 direction", "E203 dueDate", "E122 documentType", "E122 subject",
                "E121 staff.phone", "E201 responseFor[1].organId", "E200 responseFor[1].documentId")), got.toString());
        assertEquals("E120", parse(JSON.createArrayNode()).errors().get(0).finding().reason().code());
    }

    @Test
    void openApiPublishesTheSameSchema() throws Exception {
        JsonNode api = JSON.readTree(Files.readString(Path.of("schemas/openapi.json")));
        ObjectNode published = (ObjectNode) schema().deepCopy();
        published.remove("$schema");
        published.remove("$id");
        assertEquals(published, api.at("/components/schemas/DocumentMetadata"));
    }
}
