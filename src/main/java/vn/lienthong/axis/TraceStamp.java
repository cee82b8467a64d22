package vn.lienthong.axis;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.time.VietnamTime;

/**
 * Appends this gateway's {@code TraceHeader} (OrganId + Timestamp) to a package leaving or entering
 * the province (EDXML.md: every hub that relays a package appends its own; the list is the send and
 * receive history, R16). The bytes are edited in place, the rest of the package untouched.
 *
 * <p>A package carrying a standard XML-DSig envelope signature ({@code URI=""} covers the whole
 * package, TraceHeaderList included) is left as it is: adding a trace would make the receiver see it as
 * tampered (R21). Its passage is in this gateway's tracking store instead.
 */
public final class TraceStamp {
    private static final Pattern CLOSE_LIST = Pattern.compile("</((?:[A-Za-z_][\\w.-]*:)?)TraceHeaderList\\s*>");
    private static final Pattern CLOSE_MESSAGE_HEADER = Pattern.compile("</((?:[A-Za-z_][\\w.-]*:)?)MessageHeader\\s*>");
    /** A declaration of the XML-DSig namespace (a QCVN-namespaced signature only names its algorithms there). */
    private static final Pattern XMLDSIG = Pattern.compile("xmlns(?::[\\w.-]+)?\\s*=\\s*[\"']http://www\\.w3\\.org/2000/09/xmldsig#[\"']");

    private TraceStamp() { }

    /** The package with {@code organId}'s trace at {@code at}; the same bytes when it cannot be stamped. */
    public static byte[] stamp(byte[] edxml, String organId, OffsetDateTime at) {
        String text = new String(edxml, StandardCharsets.UTF_8);
        if (XMLDSIG.matcher(text).find()) return edxml;
        String time = VietnamTime.formatEdxml(at);
        Matcher m = CLOSE_LIST.matcher(text);
        int last = -1;
        String prefix = null;
        while (m.find()) {
            last = m.start();
            prefix = m.group(1);
        }
        if (last >= 0) {
            return (text.substring(0, last) + trace(prefix, organId, time) + text.substring(last)).getBytes(StandardCharsets.UTF_8);
        }
        Matcher h = CLOSE_MESSAGE_HEADER.matcher(text);
        if (!h.find()) return edxml;
        String p = h.group(1);
        String list = "<" + p + "TraceHeaderList>" + trace(p, organId, time) + "</" + p + "TraceHeaderList>";
        return (text.substring(0, h.end()) + list + text.substring(h.end())).getBytes(StandardCharsets.UTF_8);
    }

    private static String trace(String p, String organId, String time) {
        return "<" + p + "TraceHeader><" + p + "OrganId>" + organId + "</" + p + "OrganId><" + p + "Timestamp>" + time
                + "</" + p + "Timestamp></" + p + "TraceHeader>";
    }
}
