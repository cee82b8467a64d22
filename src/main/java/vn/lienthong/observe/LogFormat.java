package vn.lienthong.observe;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;

/**
 * Switches the log between plain text lines and one JSON object per line (for log collectors):
 * {@code config/log4j2.xml} sends everything to the appender named by the system property
 * {@value #PROPERTY} (default: environment variable {@code LIENTHONG_LOG_FORMAT}, else {@code text}).
 * The gateway calls {@link #apply} with {@code observe.log-format} of {@code gateway.yaml} once its
 * settings are read; Log4j is reconfigured only when the format changes.
 */
public final class LogFormat {
    public static final String PROPERTY = "lienthong.log.format";

    private LogFormat() { }

    /** @param format {@code text} or {@code json} (anything else is refused) */
    public static void apply(String format) {
        String f = normalise(format);
        String env = System.getenv("LIENTHONG_LOG_FORMAT");
        String current = System.getProperty(PROPERTY, env == null || env.isBlank() ? "text" : normalise(env));
        System.setProperty(PROPERTY, f);
        if (f.equals(current)) return;
        if (LogManager.getContext(false) instanceof org.apache.logging.log4j.core.LoggerContext ctx) ctx.reconfigure();
    }

    static String normalise(String format) {
        String f = format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new IllegalArgumentException("observe.log-format must be text or json, not " + format);
        }
        return f;
    }
}
