package vn.lienthong.validation;

/**
 * Stable reason codes for refusals and warnings. The code is what systems and reports key on;
 * the two sentences are what a clerk reads (Vietnamese first, English second).
 * Codes never change meaning once released: add new ones, do not renumber.
 *
 * <p>Refusal is always a status with a reason, never a silent drop (R4).
 */
public enum ReasonCode {
    // --- packet form (XML) ---
    XML_MALFORMED("E100", "Gói tin không phải XML hợp lệ", "The package is not well-formed XML"),
    XML_FORBIDDEN_DTD("E101", "Gói tin chứa khai báo DTD/thực thể, không được phép", "The package contains a DTD or entity declaration, which is not allowed"),
    XML_TOO_DEEP("E102", "Gói tin lồng nhau quá sâu", "The package is nested too deeply"),
    XML_TOO_LARGE("E103", "Gói tin vượt quá kích thước cho phép", "The package exceeds the allowed size"),
    XML_FIELD_TOO_LONG("E104", "Một trường của gói tin quá dài", "A field of the package is too long"),
    XML_NOT_EDXML("E105", "Gói tin không phải edXML (sai phần tử gốc hoặc không gian tên)", "The package is not edXML (wrong root element or namespace)"),
    METADATA_NOT_JSON("E120", "Siêu dữ liệu văn bản (phần metadata) không phải JSON hợp lệ", "The document metadata (part 'metadata') is not valid JSON"),
    METADATA_UNKNOWN_FIELD("E121", "Siêu dữ liệu văn bản có trường không có trong lược đồ", "The document metadata has a field the schema does not define"),
    METADATA_BAD_VALUE("E122", "Giá trị một trường siêu dữ liệu sai kiểu, sai định dạng hoặc quá dài", "A metadata field has the wrong type or form, or is too long"),
    FORM_INVALID("E123", "Yêu cầu gửi văn bản (multipart/form-data) không đúng quy ước: cần một phần metadata và ít nhất một tệp, mỗi phần một tên", "The submission (multipart/form-data) does not follow the convention: one 'metadata' part and at least one file, each part with its own name"),
    SCHEMA_INVALID("E110", "Gói tin không đúng lược đồ edXML", "The package does not conform to the edXML schema"),

    // --- mandatory fields and identifiers (R1, R2) ---
    MISSING_FIELD("E200", "Thiếu trường bắt buộc", "A mandatory field is missing"),
    BAD_ORGAN_ID("E201", "Mã định danh cơ quan không đúng định dạng", "The organisation id is not in the required form"),
    BAD_DOCUMENT_ID("E202", "Mã văn bản không đúng định dạng", "The document id is not in the required form"),
    BAD_DATE("E203", "Ngày tháng không hợp lệ", "A date is not valid"),
    BAD_PRIORITY("E204", "Độ khẩn không hợp lệ", "The urgency level is not valid"),
    BAD_BUSINESS_TYPE("E205", "Loại nghiệp vụ (BussinessDocType) không hợp lệ", "The business document type is not valid"),

    // --- routing ---
    UNKNOWN_SENDER("E300", "Cơ quan gửi chưa được đăng ký trên trục liên thông", "The sending agency is not registered on the gateway"),
    SENDER_MISMATCH("E301", "Cơ quan gửi không khớp với tài khoản đã gửi gói tin", "The sender in the package is not the agency that handed it in"),
    UNKNOWN_RECEIVER("E302", "Cơ quan nhận chưa được đăng ký trên trục liên thông", "A receiving agency is not registered on the gateway"),
    NO_RECEIVER("E303", "Gói tin không có cơ quan nhận", "The package names no receiver"),
    AGENCY_DISABLED("E304", "Cơ quan đã bị tạm ngừng kết nối trên trục liên thông, không được gửi hoặc nhận văn bản",
            "The agency is disabled on the gateway and may neither send nor receive documents"),

    // --- attachments (R12, R13) ---
    ATTACHMENT_MISSING("E400", "Tệp đính kèm khai báo trong danh mục nhưng không có trong gói tin", "An attachment listed in the manifest is not in the package"),
    ATTACHMENT_NOT_LISTED("E401", "Tệp đính kèm không có trong danh mục (manifest)", "An attachment is not listed in the manifest"),
    ATTACHMENT_BAD_ENCODING("E402", "Nội dung tệp đính kèm không phải base64 hợp lệ", "An attachment's content is not valid base64"),
    ATTACHMENT_TYPE_NOT_ALLOWED("E403", "Định dạng tệp đính kèm không thuộc danh mục cho phép (TXT, DOC, DOCX, XLS, XLSX, PDF, ODT, ODS, ODP)", "An attachment's format is not one of the allowed formats (TXT, DOC, DOCX, XLS, XLSX, PDF, ODT, ODS, ODP)"),
    ATTACHMENT_ZIP_LIMIT("E404", "Tệp nén đính kèm vượt giới hạn (số tệp, dung lượng hoặc tỉ lệ nén)", "A zipped attachment exceeds the limits (file count, size or compression ratio)"),
    ATTACHMENT_BAD_NAME("E405", "Tên tệp đính kèm không hợp lệ", "An attachment's name is not acceptable"),
    ATTACHMENT_PDF_VERSION("E406", "Tệp PDF phải theo chuẩn PDF 1.4 trở lên", "A PDF must be version 1.4 or later"),
    ATTACHMENT_DUPLICATE_ID("E407", "Hai tệp đính kèm trùng ContentId", "Two attachments share the same ContentId"),
    ATTACHMENT_EMPTY("E408", "Tệp đính kèm rỗng", "An attachment is empty"),

    LEGACY_ENCODING_AMBIGUOUS("E410", "Không xác định được bảng mã của văn bản (TCVN3/VNI/Unicode) hoặc văn bản bị trộn lẫn, hỏng bảng mã",
            "The text's encoding (TCVN3/VNI/Unicode) cannot be determined reliably, or the text mixes or has lost its encoding"),

    // --- content policy ---
    SECRET_DOCUMENT("E500", "Văn bản mật không được gửi qua môi trường điện tử", "State-secret documents may not be exchanged electronically"),

    // --- duplicates and business flow ---
    DUPLICATE_CONFLICT("E600", "Mã văn bản đã được dùng cho một văn bản khác của cùng cơ quan gửi", "The document id was already used by the same sender for a different document"),
    UNKNOWN_ORIGINAL("E601", "Không tìm thấy văn bản gốc được tham chiếu", "The original document this package refers to is unknown"),
    STATUS_UNKNOWN_DOCUMENT("E610", "Trạng thái gửi cho văn bản không tồn tại trên trục", "The status refers to a document the gateway does not know"),
    STATUS_BAD_CODE("E611", "Mã trạng thái không hợp lệ", "The status code is not valid"),
    STATUS_OUT_OF_ORDER("E612", "Trạng thái không phù hợp với tình trạng hiện tại của văn bản", "The status does not fit the document's current state"),
    STATUS_NOT_A_PARTY("E613", "Cơ quan gửi trạng thái không phải bên gửi hoặc bên nhận văn bản", "The agency reporting the status is neither the sender nor a receiver of the document"),

    // --- signatures and certificates (R9, R21) ---
    SIGNATURE_INVALID("E700", "Chữ ký số không hợp lệ", "A digital signature is not valid"),
    SIGNATURE_TAMPERED("E701", "Nội dung đã bị thay đổi sau khi ký", "The content was changed after it was signed"),
    SIGNATURE_WRAPPING("E702", "Chữ ký không bao trùm toàn bộ gói tin (nghi ngờ tấn công bọc chữ ký)", "The signature does not cover the whole package (suspected signature wrapping)"),
    CERT_EXPIRED("E703", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký", "The certificate was expired or not yet valid at signing time"),
    CERT_REVOKED("E704", "Chứng thư số đã bị thu hồi", "The certificate has been revoked"),
    CERT_UNTRUSTED("E705", "Chứng thư số không do tổ chức chứng thực tin cậy cấp", "The certificate was not issued by a trusted certification authority"),
    ALGORITHM_WEAK("E706", "Thuật toán ký quá yếu theo chính sách", "The signature algorithm is too weak under the policy"),
    REVOCATION_UNKNOWN("E707", "Không kiểm tra được tình trạng thu hồi chứng thư số", "The certificate's revocation status could not be checked"),
    SIGNATURE_PARTIAL("E708", "Chữ ký không bao trùm toàn bộ tệp", "The signature does not cover the whole file"),
    CERT_KEY_USAGE("E709", "Chứng thư số không được phép dùng để ký", "The certificate may not be used for signing"),

    // --- gateway-side failures (not the sender's fault, kept visible) ---
    DELIVERY_FAILED("E900", "Không chuyển được văn bản đến cơ quan nhận sau nhiều lần thử", "The document could not be delivered to the receiver after repeated attempts"),

    // --- warnings (recorded, never refused) ---
    W_RELAYED_ID_FORM("W200", "Mã định danh hoặc mã văn bản chuyển tiếp không theo định dạng chuẩn", "A relayed organisation or document id is not in the standard form"),
    W_IMPOSSIBLE_DATE("W203", "Ngày trong mã văn bản không tồn tại", "A date inside an id does not exist"),
    W_NONSTANDARD_SIGNATURE("W700", "Chữ ký dùng không gian tên QCVN thay vì XML-DSig: văn bản coi như chưa ký", "The signature uses the QCVN namespace instead of XML-DSig: the document is treated as unsigned"),
    W_ENVELOPE_NOT_VERIFIED("W702", "Gói tin quá lớn để kiểm tra chữ ký bao gói: coi như chưa ký", "The package is too large to verify its envelope signature: treated as unsigned"),
    W_WEAK_ALGORITHM("W701", "Thuật toán ký yếu (SHA-1), được chấp nhận theo chính sách", "Weak signature algorithm (SHA-1), accepted by policy"),
    W_MAIL_REFERENCE_ONLY("W720", "Văn bản gửi qua thư điện tử chỉ có giá trị tham khảo theo quy định của tỉnh",
            "A document sent by e-mail counts as reference-only under the province's policy"),
    W_REVOCATION_UNAVAILABLE("W707", "Không kiểm tra được tình trạng thu hồi; chấp nhận theo chính sách", "Revocation status unavailable; accepted by policy"),
    W_LATE_SEND("W800", "Văn bản gửi muộn: sau 12 giờ ngày làm việc tiếp theo kể từ ngày ký (R10)", "Sent late: after 12:00 of the next working day after signing (R10)"),
    W_LEGACY_ENCODING_CONVERTED("W410", "Văn bản được chuyển từ bảng mã cũ (TCVN3/VNI/CP1258) sang Unicode",
            "The text was converted from a legacy encoding (TCVN3/VNI/CP1258) to Unicode"),
    W_TYPE_MISMATCH("W403", "Kiểu tệp khai báo khác kiểu tệp thực tế", "An attachment's declared type differs from its actual content");

    private final String code;
    private final String vi;
    private final String en;

    ReasonCode(String code, String vi, String en) {
        this.code = code;
        this.vi = vi;
        this.en = en;
    }

    public String code() { return code; }
    public String vietnamese() { return vi; }
    public String english() { return en; }
    public boolean isWarning() { return code.startsWith("W"); }

    public static ReasonCode byCode(String code) {
        for (ReasonCode r : values()) if (r.code.equals(code)) return r;
        throw new IllegalArgumentException("unknown reason code " + code);
    }
}
