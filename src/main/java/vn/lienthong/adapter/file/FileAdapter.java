package vn.lienthong.adapter.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.validation.Finding;

/**
 * The drop-folder adapter's pickup step: a complete {@code .edxml} file in an agency's outbox goes
 * through intake; the file is then moved to {@code outbox/.done/}, or to {@code outbox/.error/}
 * with a {@code .reason.txt} beside it saying why it was refused (Vietnamese and English).
 */
public final class FileAdapter {
    public static final String NAME = "file";
    private final Intake intake;

    public FileAdapter(Intake intake) {
        this.intake = intake;
    }

    public void pickup(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        Path file = Path.of(m.getHeader(Exchange.FILE_PATH, String.class));
        String name = m.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String agency = m.getHeader(Headers.AGENCY, String.class);
        String handIn = name + "|" + m.getHeader(Exchange.FILE_LENGTH, Long.class) + "|" + m.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
        Inbound in = intake.take(file, name, NAME, agency, handIn);
        if (in.refused()) {
            Path errors = file.getParent().resolve(".error");
            Files.createDirectories(errors);
            String text = "Gói tin bị từ chối / Package refused: " + name + System.lineSeparator()
                    + in.refusals().stream().map(Finding::sentence).collect(Collectors.joining(System.lineSeparator()))
                    + System.lineSeparator();
            // written whole, then renamed into view: whoever watches .error never reads half a reason
            Path tmp = errors.resolve("." + name + ".reason.tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, errors.resolve(name + ".reason.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            m.setHeader(Headers.MOVE_TO, ".error");
        } else {
            m.setHeader(Headers.MOVE_TO, ".done");
        }
        m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
        m.setBody(in.toJson());
    }
}
