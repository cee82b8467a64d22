package vn.lienthong.status;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The status codes of QCVN 102 status packets (R3), with their Vietnamese meaning. */
public enum StatusCode {
    ARRIVED("01", "Đã đến", "arrived"),
    REFUSED("02", "Từ chối tiếp nhận", "refused"),
    ACCEPTED("03", "Đã tiếp nhận, vào sổ", "accepted and registered"),
    ASSIGNED("04", "Đã phân công xử lý", "assigned for handling"),
    IN_PROGRESS("05", "Đang xử lý", "in progress"),
    COMPLETED("06", "Đã hoàn thành", "completed"),
    TAKE_BACK_REQUEST("13", "Yêu cầu lấy lại văn bản", "take-back requested"),
    CHANGE_AGREED("15", "Đồng ý cập nhật, lấy lại, thu hồi", "update / take-back / recall agreed"),
    CHANGE_REFUSED("16", "Từ chối cập nhật, lấy lại", "update / take-back refused");

    private final String code;
    private final String vi;
    private final String en;

    StatusCode(String code, String vi, String en) {
        this.code = code;
        this.vi = vi;
        this.en = en;
    }

    public String code() { return code; }
    public String vietnamese() { return vi; }
    public String english() { return en; }

    /** The codes an agency itself reports (R3–R5); 01 is the gateway's own (arrival). The sender reports only 13. */
    public static final Set<String> REPORTED_BY_AGENCIES = Set.of("02", "03", "04", "05", "06", "13", "15", "16");
    /** Codes whose Description must say why (refusal, take-back request, refused change: R4, R5). */
    public static final Set<String> NEED_REASON = Set.of("02", "13", "16");

    public static Optional<StatusCode> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
