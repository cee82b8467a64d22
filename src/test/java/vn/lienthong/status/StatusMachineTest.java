package vn.lienthong.status;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lienthong.status.StatusMachine.Request;

/** Which status may follow which at one receiver (R3, R5); each row: current, pending, reported, accepted?, new current. */
class StatusMachineTest {

    @ParameterizedTest(name = "{0} + pending {1} then {2} → {3}")
    @CsvSource(nullValues = "-", value = {
            "-,  -,           03, false, -",      // not delivered yet
            "01, -,           03, true,  03",
            "01, -,           02, true,  02",
            "01, -,           06, false, -",      // 06 before 03
            "01, -,           04, false, -",
            "03, -,           04, true,  04",
            "03, -,           05, true,  05",     // a step may be skipped
            "03, -,           06, true,  06",
            "05, -,           04, false, -",      // never backwards
            "04, -,           03, false, -",
            "03, -,           03, true,  03",     // the same status again is harmless
            "06, -,           05, false, -",      // final
            "02, -,           03, false, -",      // refused is final
            "03, -,           02, true,  02",     // returned after acceptance
            "01, -,           15, false, -",      // nothing pending
            "01, RECALL,      15, true,  15",     // recalled
            "03, RECALL,      16, true,  03",     // recall refused: state kept
            "03, UPDATE,      15, true,  03",     // update agreed: document continues
            "04, TAKE_BACK,   15, true,  15",
            "01, -,           13, false, -",      // a receiver does not send 13
            "01, -,           01, true,  01"})
    void transitions(String current, Request pending, String code, boolean accepted, String next) {
        StringBuilder why = new StringBuilder();
        var t = StatusMachine.receiverReports(current, pending, code, why);
        assertEquals(accepted, t.isPresent(), why.toString());
        if (accepted) {
            assertEquals(next, t.get().statusCode());
            assertNull(code.equals("15") || code.equals("16") ? t.get().pending() : null);
        } else {
            assertFalse(why.isEmpty(), "a refusal always says why");
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"-, true", "01, true", "05, true", "06, false", "02, false"})
    void senderMayAskToTakeBackUntilTheReceiverIsDone(String current, boolean allowed) {
        assertEquals(allowed, StatusMachine.senderRequestsTakeBack(current, new StringBuilder()).isPresent());
    }
}
