package vn.lienthong.adapter.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Clock;
import java.util.Properties;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.PackageArchive;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailMessage;
import vn.lienthong.config.Settings;
import vn.lienthong.flow.Delivery;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.tracking.Audit;

/**
 * The e-mail adapter's Camel steps (routes/templates/mail-adapter.yaml), for agencies without a
 * document system (R15): a mail in the province's intake mailbox becomes a package handed in by the
 * agency whose registered address sent it; a document for a mail-only agency is sent to its address
 * by SMTP with the files attached. Delivery by mail is at-least-once: a crash between sending and
 * recording can send the same mail again (the subject and X-Lienthong-Document-Id tell them apart).
 */
public final class MailAdapter {
    public static final String NAME = "mail";
    private final MailToPackage in;
    private final PackageToMail out;
    private final Intake intake;
    private final Delivery delivery;
    private final AgencyRegistry registry;
    private final Audit audit;
    private final Session session;
    private final Settings.Mail settings;
    private final MailLegalPolicy legalPolicy;
    private final PackageArchive archive;
    private final Clock clock;

    public MailAdapter(MailToPackage in, PackageToMail out, Intake intake, Delivery delivery, AgencyRegistry registry, Audit audit,
                       Session session, Settings.Mail settings, PackageArchive archive, Clock clock) {
        this.legalPolicy = MailLegalPolicy.parse(settings.legalValue());
        this.archive = archive;
        this.clock = clock;
        this.in = in;
        this.out = out;
        this.intake = intake;
        this.delivery = delivery;
        this.registry = registry;
        this.audit = audit;
        this.session = session;
        this.settings = settings;
    }

    /** The SMTP session the gateway sends through. */
    public static Session session(Settings.Mail mail) {
        Properties p = new Properties();
        if (mail.smtpHost() != null) p.put("mail.smtp.host", mail.smtpHost());
        p.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        if (mail.smtpUser() != null) p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        return Session.getInstance(p);
    }

    /** A mail from the intake mailbox: a package for the inbound queue, or a refusal answered by mail. */
    public void receive(Exchange ex) throws IOException, MessagingException {
        MimeMessage msg = (MimeMessage) ex.getMessage(MailMessage.class).getMessage();
        MailToPackage.Result r = in.parse(msg, registry);
        String agency = r.agency().map(Agency::id).orElse(null);
        if (r.refused()) {
            // kept for the record like any refused input: the mail as it came, named in the audit line
            Path kept = keepRefused(msg);
            audit.record(agency, NAME, "receive", r.senderAddress(), "REFUSED", null,
                    String.join("; ", r.reasons()) + (kept == null ? "" : " (kept: " + kept + ")"));
            if (r.mayReply()) {
                try {
                    send(out.replyRefused(msg, r.reasons()));
                } catch (MessagingException e) {
                    // the refusal is recorded and kept: a failed answer must not leave the mail unseen, to be
                    // refused, archived and audited again at every poll
                    audit.record(agency, NAME, "reply", r.senderAddress(), "FAILED", null, "refusal not sent: " + e.getMessage());
                }
            }
            ex.setRouteStop(true);
            return;
        }
        try {
            Inbound inbound = intake.take(r.packageFile(), "mail-" + r.packageFile().getFileName(), NAME, agency,
                    String.valueOf(r.messageId()));
            if (!inbound.refused()) {
                // a sender address can be forged: the province's policy says whether the signature's legal value stands
                MailLegalPolicy.Decision d = legalPolicy.decide(inbound.legalValue(), r.viaProvinceRelay());
                inbound = inbound.withLegalValue(d.legalValue(), d.warning());
            }
            audit.record(agency, NAME, "receive", inbound.documentId(), inbound.refused() ? "REFUSED" : "ALLOWED", null, r.senderAddress());
            Message m = ex.getMessage();
            m.removeHeaders("*");
            m.setHeader(Headers.DUPLICATE_ID, "in:" + inbound.intakeKey());
            m.setBody(inbound.toJson());
        } finally {
            Files.deleteIfExists(r.packageFile());
        }
    }

    /** A document or status for a mail-only agency, sent to its registered address. */
    public void deliver(Exchange ex) throws IOException, MessagingException {
        Message m = ex.getMessage();
        String agencyId = m.getHeader(Headers.AGENCY, String.class);
        long pkg = m.getHeader(Headers.PACKAGE, Long.class);
        Agency agency = registry.find(agencyId).orElseThrow(() -> new IllegalStateException("unknown agency " + agencyId));
        String path = m.getHeader(Headers.PATH, String.class);
        if ("DOCUMENT".equals(m.getHeader(Headers.KIND, String.class))) {
            Delivery.Ticket t = delivery.prepare(pkg, agencyId);
            if (t.alreadyDelivered()) return;
            try (PackageToMail.Outgoing mail = out.document(Path.of(path), agency,
                    t.receipt() == null ? PackageToMail.Receipt.none() : PackageToMail.Receipt.fromJson(t.receipt()))) {
                send(mail.message());
            }
        } else {
            Path file = path != null ? Path.of(path) : Files.write(Files.createTempFile("status", ".edxml"), m.getBody(byte[].class));
            try {
                send(out.status(file, agency));
            } finally {
                if (path == null) Files.deleteIfExists(file);
            }
        }
        audit.record(agencyId, NAME, "deliver", String.valueOf(pkg), "ALLOWED", null, agency.email());
    }

    private Path keepRefused(MimeMessage msg) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("refused", ".eml");
            try (java.io.OutputStream o = Files.newOutputStream(tmp)) {
                msg.writeTo(o);
            }
            String key = "mail-" + vn.lienthong.integrity.Sha256.hex(tmp).substring(0, 40);
            return archive.keep(tmp, key, VietnamTime.now(clock), ".eml");
        } catch (IOException | MessagingException e) {
            return null;
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    private void send(MimeMessage message) throws MessagingException {
        if (settings.smtpUser() != null) {
            Transport.send(message, settings.smtpUser(), Optional.ofNullable(settings.smtpPassword()).orElse(""));
        } else {
            Transport.send(message);
        }
    }
}
