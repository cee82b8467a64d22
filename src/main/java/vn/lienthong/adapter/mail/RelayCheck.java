package vn.lienthong.adapter.mail;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a mail demonstrably came through the province's own mail relay with its sender
 * authenticated: one of the facts the legal-value policy uses, because a {@code From} address
 * alone can be forged (R15).
 *
 * <p>Headers are read from the top (newest) down, and only as long as they were written by the
 * province's own servers: each {@code Received} header whose {@code by} host is a relay host or a
 * trusted internal host keeps the walk going; the first one written by any other host ends it,
 * because everything below it could have been written by the sender. Within that trusted part the
 * mail counts as "via the province relay" when
 * <ul>
 *   <li>a {@code Received} header {@code by} a relay host says the sender authenticated
 *       ({@code with ESMTPA}, {@code ESMTPSA}, {@code LMTPA}, … RFC 3848), or</li>
 *   <li>an {@code Authentication-Results} header whose authserv-id is a relay host (RFC 8601)
 *       reports {@code dkim=pass} for the {@code From} domain ({@code header.d}), {@code dmarc=pass}
 *       for it ({@code header.from}), or {@code spf=pass} for it ({@code smtp.mailfrom}).</li>
 * </ul>
 * The relay must remove {@code Authentication-Results} headers bearing its own authserv-id from
 * incoming mail (RFC 8601 §5; OpenDMARC, OpenDKIM, rspamd do), otherwise a sender could forge one.
 */
public final class RelayCheck {
    private static final Pattern BY = Pattern.compile("(?i)(?:^|\\s)by\\s+([^\\s;]+)");
    private static final Pattern WITH = Pattern.compile("(?i)(?:^|\\s)with\\s+([^\\s;]+)");
    private static final Pattern AUTHENTICATED_PROTOCOL = Pattern.compile("(?i)(UTF8)?(E?SMTPS?A|LMTPS?A|UTF8LMTPS?A)");
    private static final Pattern RESULT = Pattern.compile("(?i)\\b(dkim|dmarc|spf)\\s*=\\s*pass\\b([^;]*)");
    private static final Pattern PROPERTY = Pattern.compile("(?i)\\b(header\\.d|header\\.i|header\\.from|smtp\\.mailfrom)\\s*=\\s*\"?([^\\s;\"]+)");

    private final Set<String> relayHosts;
    private final Set<String> trustedHosts;

    /**
     * @param relayHosts   the province's relay host names (e.g. {@code mail.tinh.gov.vn})
     * @param trustedHosts further hosts of the province's own mail system between the relay and the
     *                     intake mailbox (mail store, filters); may be empty
     */
    public RelayCheck(Collection<String> relayHosts, Collection<String> trustedHosts) {
        this.relayHosts = lower(relayHosts);
        this.trustedHosts = lower(trustedHosts);
    }

    public boolean configured() {
        return !relayHosts.isEmpty();
    }

    /** @param fromDomain the domain of the {@code From} address, lower case */
    public boolean viaRelay(MimeMessage msg, String fromDomain) throws MessagingException {
        if (relayHosts.isEmpty()) return false;
        Enumeration<Header> headers = msg.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header h = headers.nextElement();
            String value = MimeUtility.unfold(h.getValue() == null ? "" : h.getValue());
            if (h.getName().equalsIgnoreCase("Received")) {
                String clean = withoutComments(value);
                String by = group(BY, clean);
                if (by == null) return false;
                by = by.toLowerCase(Locale.ROOT);
                String with = group(WITH, clean);
                if (relayHosts.contains(by) && with != null && AUTHENTICATED_PROTOCOL.matcher(with).matches()) return true;
                if (!relayHosts.contains(by) && !trustedHosts.contains(by)) return false;
            } else if (h.getName().equalsIgnoreCase("Authentication-Results")) {
                if (authenticates(value, fromDomain)) return true;
            }
        }
        return false;
    }

    private boolean authenticates(String value, String fromDomain) {
        int semi = value.indexOf(';');
        if (semi < 0 || fromDomain == null) return false;
        String authserv = withoutComments(value.substring(0, semi)).strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!relayHosts.contains(authserv)) return false;
        Matcher r = RESULT.matcher(withoutComments(value.substring(semi + 1)));
        while (r.find()) {
            Matcher p = PROPERTY.matcher(r.group(2));
            while (p.find()) {
                String v = p.group(2).toLowerCase(Locale.ROOT);
                String domain = v.contains("@") ? v.substring(v.lastIndexOf('@') + 1) : v;
                if (domain.equals(fromDomain)) return true;
            }
        }
        return false;
    }

    private static String withoutComments(String s) {
        String prev;
        String cur = s;
        do {
            prev = cur;
            cur = cur.replaceAll("\\([^()]*\\)", " ");
        } while (!cur.equals(prev));
        return cur;
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static Set<String> lower(Collection<String> hosts) {
        return hosts == null ? Set.of() : hosts.stream().filter(h -> h != null && !h.isBlank())
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
