package vn.lienthong.adapter.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.PackageBuilder;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StaffInfo;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The metadata part of a document submitted as JSON + files (REST adapter), checked field by field
 * against the published schema {@code schemas/document-metadata.schema.json} (the same schema is
 * {@code DocumentMetadata} in {@code schemas/openapi.json}): every problem is reported at once, each
 * with a reason code, the field and a sentence in Vietnamese and English (R1, R4).
 *
 * <p>A valid metadata object fills a {@link PackageBuilder}: the MessageHeader of QCVN 102 (To, Code,
 * PromulgationInfo, DocumentType, Subject, Content, SignerInfo, DueDate, OtherInfo, ToPlaces,
 * ResponseFor for replies (R6), SteeringType) and TraceHeaderList/Bussiness (new, recall, update,
 * replacement: R5). The sender is always the authenticated agency (R20): there is no {@code from}.
 * No Camel here.
 */
public final class DocumentMetadata {
    /** Fields the schema lists as required, in its order. */
    public static final List<String> REQUIRED = List.of("to", "codeNumber", "codeNotation", "promulgationDate", "documentType", "subject",
            "signerFullName", "signerPosition");
    /** Every field the schema knows; anything else is refused. */
    public static final Set<String> FIELDS = Set.of("to", "documentId", "codeNumber", "codeNotation", "promulgationPlace", "promulgationDate",
            "documentType", "typeDetail", "documentTypeName", "subject", "content", "signerCompetence", "signerPosition", "signerFullName",
            "dueDate", "priority", "steeringType", "sphereOfPromulgation", "typerNotation", "promulgationAmount", "pageAmount", "direction",
            "appendixes", "toPlaces", "responseFor", "businessType", "businessReason", "replaces", "paper", "staff");
    private static final Set<String> RESPONSE_FOR_FIELDS = Set.of("organId", "documentId", "code", "promulgationDate");
    private static final Set<String> STAFF_FIELDS = Set.of("name", "department", "email", "mobile");
    private static final Pattern ORGAN_ID = Pattern.compile("[0-9A-Z]+(\\.[0-9A-Z]+)+");
    private static final Pattern NUMBER_CODE = Pattern.compile("[0-9]{1,3}");
    private static final Map<String, Integer> BUSINESS = Map.of("new", Business.NEW, "recall", Business.REVOCATION,
            "update", Business.UPDATE, "replace", Business.REPLACEMENT);
    /** The metadata is small: more than this is not metadata. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20).maxStringLength(MAX_BYTES).build());
    }

    /** One refusal: the field (JSON path, e.g. {@code responseFor[0].organId}) and the finding (code, sentence). */
    public record FieldError(String field, Finding finding) {
        public Map<String, String> toJson() {
            return Map.of("code", finding.reason().code(), "field", field, "vi", finding.reason().vietnamese(),
                    "en", finding.reason().english(), "detail", finding.detail() == null ? "" : finding.detail(),
                    "sentence", finding.sentence());
        }
    }

    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    private DocumentMetadata(JsonNode root) {
        this.root = root;
    }

    /** Parses and checks the metadata; {@link #errors()} is empty when it may become a package. */
    public static DocumentMetadata parse(byte[] json, AgencyRegistry registry) {
        JsonNode root;
        try {
            root = json.length > MAX_BYTES ? null : JSON.readTree(json);
        } catch (IOException e) {
            DocumentMetadata m = new DocumentMetadata(null);
            m.error("metadata", ReasonCode.METADATA_NOT_JSON, e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage());
            return m;
        }
        DocumentMetadata m = new DocumentMetadata(root);
        if (root == null || !root.isObject()) {
            m.error("metadata", ReasonCode.METADATA_NOT_JSON, root == null && json.length > MAX_BYTES
                    ? "quá " + MAX_BYTES / 1024 + " KiB / over " + MAX_BYTES / 1024 + " KiB" : "phải là một đối tượng JSON {…} / must be a JSON object {…}");
            return m;
        }
        m.check(registry);
        return m;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    // ------------------------------------------------------------------ checks

    private void check(AgencyRegistry registry) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) error(f, ReasonCode.METADATA_UNKNOWN_FIELD, "trường không có trong lược đồ / not in the schema");
        }
        for (String f : REQUIRED) {
            JsonNode v = root.get(f);
            if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) error(f, ReasonCode.MISSING_FIELD, null);
        }
        JsonNode to = root.get("to");
        if (present(to) && array("to", to, 1, 200)) {
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < to.size(); i++) {
                String path = "to[" + i + "]";
                String id = text(path, to.get(i), 35, false);
                if (id == null) continue;
                if (!ORGAN_ID.matcher(id).matches()) error(path, ReasonCode.BAD_ORGAN_ID, "'" + id + "' (000.00.00.H41)");
                else if (!registry.contains(id)) error(path, ReasonCode.UNKNOWN_RECEIVER, id);
                else if (!seen.add(id)) error(path, ReasonCode.METADATA_BAD_VALUE, "trùng nơi nhận / duplicate receiver " + id);
            }
        }
        text("documentId", root.get("documentId"), 255, false);
        text("codeNumber", root.get("codeNumber"), 100, false);
        text("codeNotation", root.get("codeNotation"), 200, false);
        text("promulgationPlace", root.get("promulgationPlace"), 500, true);
        date("promulgationDate", root.get("promulgationDate"));
        pattern("documentType", root.get("documentType"), NUMBER_CODE, "một số 1–3 chữ số / a number of 1–3 digits");
        pattern("typeDetail", root.get("typeDetail"), NUMBER_CODE, "một số 1–3 chữ số / a number of 1–3 digits");
        text("documentTypeName", root.get("documentTypeName"), 200, true);
        text("subject", root.get("subject"), 2000, false);
        text("content", root.get("content"), 20000, true);
        text("signerCompetence", root.get("signerCompetence"), 500, true);
        text("signerPosition", root.get("signerPosition"), 500, false);
        text("signerFullName", root.get("signerFullName"), 300, false);
        date("dueDate", root.get("dueDate"));
        integer("priority", root.get("priority"), 0, 4, ReasonCode.BAD_PRIORITY);
        integer("steeringType", root.get("steeringType"), 0, 99, ReasonCode.METADATA_BAD_VALUE);
        text("sphereOfPromulgation", root.get("sphereOfPromulgation"), 200, true);
        text("typerNotation", root.get("typerNotation"), 100, true);
        integer("promulgationAmount", root.get("promulgationAmount"), 0, 100000, ReasonCode.METADATA_BAD_VALUE);
        integer("pageAmount", root.get("pageAmount"), 0, 100000, ReasonCode.METADATA_BAD_VALUE);
        bool("direction", root.get("direction"));
        bool("paper", root.get("paper"));
        texts("appendixes", root.get("appendixes"), 0, 100, 500);
        texts("toPlaces", root.get("toPlaces"), 0, 200, 500);
        texts("replaces", root.get("replaces"), 1, 50, 255);
        text("businessReason", root.get("businessReason"), 2000, true);
        responseFor(root.get("responseFor"));
        staff(root.get("staff"));
        JsonNode bt = root.get("businessType");
        String type = text("businessType", bt, 20, false);
        if (type != null && !BUSINESS.containsKey(type)) {
            error("businessType", ReasonCode.BAD_BUSINESS_TYPE, "'" + type + "' (new, recall, update, replace)");
        } else if (type != null) {
            if ((type.equals("recall") || type.equals("update")) && !present(root.get("documentId"))) {
                error("documentId", ReasonCode.MISSING_FIELD, "mã văn bản gốc cần cho " + type + " / the original document's id is needed for " + type);
            }
            if (type.equals("replace") && !present(root.get("replaces"))) {
                error("replaces", ReasonCode.MISSING_FIELD, "văn bản bị thay thế / the documents replaced");
            }
        }
    }

    private void responseFor(JsonNode v) {
        if (!present(v) || !array("responseFor", v, 0, 50)) return;
        for (int i = 0; i < v.size(); i++) {
            String path = "responseFor[" + i + "]";
            JsonNode r = v.get(i);
            if (!r.isObject()) {
                error(path, ReasonCode.METADATA_BAD_VALUE, "phải là đối tượng / must be an object");
                continue;
            }
            unknown(path, r, RESPONSE_FOR_FIELDS);
            if (!present(r.get("organId"))) error(path + ".organId", ReasonCode.MISSING_FIELD, null);
            if (!present(r.get("documentId"))) error(path + ".documentId", ReasonCode.MISSING_FIELD, null);
            String organ = text(path + ".organId", r.get("organId"), 35, false);
            if (organ != null && !ORGAN_ID.matcher(organ).matches()) error(path + ".organId", ReasonCode.BAD_ORGAN_ID, "'" + organ + "'");
            text(path + ".documentId", r.get("documentId"), 255, false);
            text(path + ".code", r.get("code"), 300, true);
            date(path + ".promulgationDate", r.get("promulgationDate"));
        }
    }

    private void staff(JsonNode v) {
        if (!present(v)) return;
        if (!v.isObject()) {
            error("staff", ReasonCode.METADATA_BAD_VALUE, "phải là đối tượng / must be an object");
            return;
        }
        unknown("staff", v, STAFF_FIELDS);
        text("staff.name", v.get("name"), 300, true);
        text("staff.department", v.get("department"), 300, true);
        text("staff.email", v.get("email"), 300, true);
        text("staff.mobile", v.get("mobile"), 50, true);
    }

    private void unknown(String path, JsonNode object, Set<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) error(path + "." + f, ReasonCode.METADATA_UNKNOWN_FIELD, "trường không có trong lược đồ / not in the schema");
        }
    }

    private static boolean present(JsonNode v) {
        return v != null && !v.isNull();
    }

    /** A string of at most {@code max} characters (blank allowed only if {@code mayBeBlank}); null when absent or wrong. */
    private String text(String path, JsonNode v, int max, boolean mayBeBlank) {
        if (!present(v)) return null;
        if (!v.isTextual()) {
            error(path, ReasonCode.METADATA_BAD_VALUE, "phải là chuỗi, nhận được " + kind(v) + " / must be a string, got " + kind(v));
            return null;
        }
        String s = v.asText().strip();
        if (s.isEmpty() && !mayBeBlank) {
            if (!REQUIRED.contains(path)) error(path, ReasonCode.METADATA_BAD_VALUE, "rỗng / empty");
            return null;
        }
        if (s.length() > max) {
            error(path, ReasonCode.METADATA_BAD_VALUE, "dài quá " + max + " ký tự / longer than " + max + " characters");
            return null;
        }
        return s;
    }

    private void pattern(String path, JsonNode v, Pattern p, String expected) {
        String s = text(path, v, 100, false);
        if (s != null && !p.matcher(s).matches()) error(path, ReasonCode.METADATA_BAD_VALUE, "'" + s + "': " + expected);
    }

    private void date(String path, JsonNode v) {
        String s = text(path, v, 10, false);
        if (s == null) return;
        try {
            if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException("form", s, 0);
            LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            error(path, ReasonCode.BAD_DATE, "'" + s + "' (yyyy-MM-dd)");
        }
    }

    private void integer(String path, JsonNode v, int min, int max, ReasonCode code) {
        if (!present(v)) return;
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            error(path, code, "'" + v + "': số nguyên " + min + "–" + max + " / an integer " + min + "–" + max);
        }
    }

    private void bool(String path, JsonNode v) {
        if (present(v) && !v.isBoolean()) error(path, ReasonCode.METADATA_BAD_VALUE, "'" + v + "': true | false");
    }

    private boolean array(String path, JsonNode v, int min, int max) {
        if (!v.isArray()) {
            error(path, ReasonCode.METADATA_BAD_VALUE, "phải là mảng [...], nhận được " + kind(v) + " / must be an array [...], got " + kind(v));
            return false;
        }
        if (v.size() < min) {
            error(path, path.equals("to") ? ReasonCode.NO_RECEIVER : ReasonCode.METADATA_BAD_VALUE, "ít nhất " + min + " / at least " + min);
            return false;
        }
        if (v.size() > max) {
            error(path, ReasonCode.METADATA_BAD_VALUE, "nhiều nhất " + max + " / at most " + max);
            return false;
        }
        return true;
    }

    private void texts(String path, JsonNode v, int min, int max, int maxLength) {
        if (!present(v) || !array(path, v, min, max)) return;
        for (int i = 0; i < v.size(); i++) text(path + "[" + i + "]", v.get(i), maxLength, false);
    }

    private static String kind(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return t.name().toLowerCase();
    }

    private void error(String field, ReasonCode code, String detail) {
        errors.add(new FieldError(field, Finding.of(code, detail == null || detail.isBlank() ? field : field + ": " + detail)));
    }

    // ------------------------------------------------------------------ the package

    private String s(String field) {
        JsonNode v = root.get(field);
        return present(v) && v.isTextual() && !v.asText().isBlank() ? v.asText().strip() : null;
    }

    private List<String> list(String field) {
        JsonNode v = root.get(field);
        List<String> out = new ArrayList<>();
        if (present(v)) v.forEach(e -> out.add(e.asText().strip()));
        return out;
    }

    private static String edxmlDate(String iso) {
        return iso == null ? null : VietnamTime.formatEdxmlDate(LocalDate.parse(iso));
    }

    /** The document id: as given, or {@code <sender>,<yyyy/MM/dd>,<number>/<notation>} (the national axis's form). */
    public String documentId(String sender) {
        String given = s("documentId");
        return given != null ? given : sender + "," + edxmlDate(s("promulgationDate")) + "," + s("codeNumber") + "/" + s("codeNotation");
    }

    /** A builder for the package from {@code sender} (the authenticated agency), metadata filled in; files are attached by the caller. */
    public PackageBuilder toBuilder(Agency sender, AgencyRegistry registry) {
        if (!valid()) throw new IllegalStateException("invalid metadata: " + errors);
        String documentId = documentId(sender.id());
        List<Organization> to = list("to").stream().map(id -> Organization.ofId(id, registry.find(id).map(Agency::name).orElse(null))).toList();
        int type = BUSINESS.getOrDefault(s("businessType") == null ? "new" : s("businessType"), Business.NEW);
        JsonNode st = root.get("staff");
        StaffInfo staff = present(st) ? new StaffInfo(text(st, "department"), null, text(st, "name"), null, text(st, "mobile"), text(st, "email")) : null;
        List<Business.Replacement> replaced = type == Business.REPLACEMENT
                ? list("replaces").stream().map(d -> new Business.Replacement(d, list("to"))).toList() : List.of();
        Business business = new Business(documentId, type, s("businessReason"), bool("paper") ? "1" : "0", staff,
                type == Business.UPDATE ? list("to") : List.of(), replaced);
        List<ResponseFor> refs = new ArrayList<>();
        JsonNode rf = root.get("responseFor");
        if (present(rf)) {
            for (JsonNode r : rf) {
                refs.add(new ResponseFor(text(r, "organId"), text(r, "code"), edxmlDate(text(r, "promulgationDate")), text(r, "documentId")));
            }
        }
        JsonNode steering = root.get("steeringType");
        return new PackageBuilder(new Organization(sender.id(), sender.name(), sender.name(), null, sender.email(), null, null, null), documentId)
                .to(to)
                .code(s("codeNumber"), s("codeNotation"))
                .promulgation(s("promulgationPlace"), edxmlDate(s("promulgationDate")))
                .documentType(s("documentType"), s("typeDetail"), s("documentTypeName"))
                .subject(s("subject"))
                .content(s("content"))
                .signer(s("signerCompetence"), s("signerPosition"), s("signerFullName"))
                .dueDate(edxmlDate(s("dueDate")))
                .priority(present(root.get("priority")) ? root.get("priority").asInt() : 0)
                .otherInfo("SphereOfPromulgation", s("sphereOfPromulgation"))
                .otherInfo("TyperNotation", s("typerNotation"))
                .otherInfo("PromulgationAmount", number("promulgationAmount"))
                .otherInfo("PageAmount", number("pageAmount"))
                .otherInfo("Direction", present(root.get("direction")) ? Boolean.toString(root.get("direction").asBoolean()) : null)
                .appendixes(list("appendixes"))
                .toPlaces(list("toPlaces"))
                .responseFor(refs)
                .steeringType(present(steering) ? steering.asText() : null)
                .business(business);
    }

    private String number(String field) {
        JsonNode v = root.get(field);
        return present(v) ? v.asText() : null;
    }

    private boolean bool(String field) {
        JsonNode v = root.get(field);
        return present(v) && v.asBoolean();
    }

    private static String text(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return present(v) && !v.asText().isBlank() ? v.asText().strip() : null;
    }
}
