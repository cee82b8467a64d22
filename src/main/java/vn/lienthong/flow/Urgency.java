package vn.lienthong.flow;

/**
 * Urgency (độ khẩn) of OtherInfo/Priority and the broker priority it gets, so that urgent packages
 * overtake normal ones on every queue (R11): hỏa tốc &gt; thượng khẩn &gt; khẩn &gt; thường.
 */
public final class Urgency {
    private Urgency() { }

    /** edXML priority 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ → JMS priority 4..9. */
    public static int brokerPriority(int edxmlPriority) {
        return switch (edxmlPriority) {
            case 1 -> 6;
            case 2 -> 7;
            case 3, 4 -> 9;
            default -> 4;
        };
    }

    public static int parse(String priority) {
        if (priority == null || !priority.strip().matches("[0-4]")) return 0;
        return Integer.parseInt(priority.strip());
    }
}
