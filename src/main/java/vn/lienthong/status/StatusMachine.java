package vn.lienthong.status;

import java.util.Optional;

/**
 * The state of one document at one receiver, and which statuses may follow which (R3, R5).
 *
 * <pre>
 *   (queued) ──deliver──▶ 01 arrived ──▶ 03 accepted ──▶ 04 assigned ──▶ 05 in progress ──▶ 06 completed
 *                          │              │  (03..06 move forward only; a step may be skipped)
 *                          └──▶ 02 refused (also a return after 03..05)
 *   pending request (recall 1, update 2, replacement 3, take-back 13) ──▶ 15 agreed | 16 refused
 * </pre>
 * 15 on a recall or take-back ends the document at that receiver (recalled).
 */
public final class StatusMachine {
    /** Pending requests a receiver answers with 15 or 16. */
    public enum Request { RECALL, UPDATE, REPLACEMENT, TAKE_BACK }

    /** The outcome of applying a status: the new current code and pending request, or why not. */
    public record Transition(String statusCode, Request pending, boolean recalled) { }

    private StatusMachine() { }

    /** A receiver reports {@code code}; returns the new state, or empty with {@code why} explaining the refusal. */
    public static Optional<Transition> receiverReports(String current, Request pending, String code, StringBuilder why) {
        if (current == null) {
            why.append("văn bản chưa đến cơ quan nhận / the document has not reached the receiver yet");
            return Optional.empty();
        }
        if (code.equals("15") || code.equals("16")) {
            if (pending == null) {
                why.append("không có yêu cầu thu hồi, cập nhật hay lấy lại nào đang chờ / no recall, update or take-back request is pending");
                return Optional.empty();
            }
            boolean ends = code.equals("15") && (pending == Request.RECALL || pending == Request.TAKE_BACK);
            return Optional.of(new Transition(code.equals("15") && ends ? "15" : current, null, ends));
        }
        if (isFinal(current)) {
            why.append("văn bản đã ở trạng thái cuối ").append(current).append(" / the document is already final (").append(current).append(')');
            return Optional.empty();
        }
        int cur = rank(current);
        int next = rank(code);
        switch (code) {
            case "01" -> {
                if (!current.equals("01")) {
                    why.append("01 sau ").append(current).append(" / 01 after ").append(current);
                    return Optional.empty();
                }
                return Optional.of(new Transition(current, pending, false));
            }
            case "02" -> {
                return Optional.of(new Transition("02", pending, false));
            }
            case "03", "04", "05", "06" -> {
                if (code.equals("03") ? cur != 1 && cur != 3 : cur < 3 || next < cur) {
                    why.append(code).append(" không thể theo sau ").append(current)
                            .append(" / ").append(code).append(" cannot follow ").append(current);
                    return Optional.empty();
                }
                return Optional.of(new Transition(code, pending, false));
            }
            default -> {
                why.append("cơ quan nhận không gửi mã ").append(code).append(" / a receiver does not send ").append(code);
                return Optional.empty();
            }
        }
    }

    /** The sender asks to take the document back (13): allowed while the receiver has not finished with it. */
    public static Optional<Transition> senderRequestsTakeBack(String current, StringBuilder why) {
        if (current != null && isFinal(current)) {
            why.append("văn bản đã ở trạng thái cuối ").append(current).append(" / the document is already final (").append(current).append(')');
            return Optional.empty();
        }
        return Optional.of(new Transition(current, Request.TAKE_BACK, false));
    }

    public static boolean isFinal(String code) {
        return "02".equals(code) || "06".equals(code) || "15".equals(code);
    }

    private static int rank(String code) {
        return switch (code) {
            case "01" -> 1;
            case "03" -> 3;
            case "04" -> 4;
            case "05" -> 5;
            case "06" -> 6;
            default -> 0;
        };
    }
}
