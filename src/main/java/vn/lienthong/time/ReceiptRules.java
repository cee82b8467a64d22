package vn.lienthong.time;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Time rules for receiving and sending official documents, on a {@link WorkingCalendar}.
 *
 * <ul>
 *   <li>R7 — thời điểm nhận: the receipt time is the moment the package enters the receiving
 *       system; if that is outside office hours (ngoài giờ hành chính), the official receipt time
 *       is the start of the next working period (thời điểm bắt đầu giờ hành chính làm việc kế tiếp).</li>
 *   <li>R10 — a signed document must be sent the day it is signed or no later than 12:00 of the
 *       next working day (gửi ngay trong ngày ký ban hành hoặc chậm hơn không quá 12h00 của ngày
 *       làm việc tiếp theo); a later send is flagged as late.</li>
 * </ul>
 *
 * All dates are taken in Vietnam time +07:00 (R8): a time given in another offset is converted first.
 */
public final class ReceiptRules {

    /** R10 default: 12:00 of the next working day. */
    public static final LocalTime DEFAULT_SEND_DEADLINE = LocalTime.NOON;

    private final WorkingCalendar calendar;
    private final LocalTime sendDeadlineTime;

    public ReceiptRules(WorkingCalendar calendar) {
        this(calendar, DEFAULT_SEND_DEADLINE);
    }

    /**
     * @param sendDeadlineTime time of day on the next working day by which a signed document must
     *     be sent (some provincial rules say "trong buổi sáng", i.e. the end of the morning period)
     */
    public ReceiptRules(WorkingCalendar calendar, LocalTime sendDeadlineTime) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.sendDeadlineTime = Objects.requireNonNull(sendDeadlineTime, "sendDeadlineTime");
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    /** R7: the receive time itself if within office hours, else the start of the next working period; in +07:00. */
    public OffsetDateTime officialReceiptTime(OffsetDateTime receivedAt) {
        return calendar.startOfNextWorkingPeriod(receivedAt);
    }

    /** R10: 12:00 (+07:00) of the first working day after the signing date (the date taken in +07:00). */
    public OffsetDateTime sendDeadline(OffsetDateTime signedAt) {
        return calendar.nextWorkingDay(VietnamTime.inVietnam(signedAt).toLocalDate())
                .atTime(sendDeadlineTime)
                .atOffset(VietnamTime.ZONE);
    }

    /**
     * R10: true if sent strictly after {@link #sendDeadline}. Sending exactly at 12:00:00 is on
     * time. A send time before the signing time is not "late" (clock problems are another check).
     */
    public boolean isLateSend(OffsetDateTime signedAt, OffsetDateTime sentAt) {
        return sentAt.isAfter(sendDeadline(signedAt));
    }
}
