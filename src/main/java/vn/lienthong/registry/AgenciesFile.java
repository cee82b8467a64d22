package vn.lienthong.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits {@code config/agencies.yaml} as text, so its comments and layout stay as IT staff wrote them:
 * a new agency is appended as a block, disabling one inserts {@code disabled: true} under its id. The
 * result is read back as an {@link AgencyRegistry} before it replaces the file (written beside it, then
 * renamed), so a mistake never leaves a file the gateway cannot read.
 */
public final class AgenciesFile {
    private final Path file;

    public AgenciesFile(Path file) {
        this.file = file;
    }

    /** Appends an agency; refused if its id is not in strict form or already listed. */
    public void add(Agency a) throws IOException {
        if (!OrganIds.isStrict(a.id())) {
            throw new IllegalArgumentException("'" + a.id() + "' is not an organisation id of the form 000.00.00.H41");
        }
        AgencyRegistry current = AgencyRegistry.load(file);
        if (current.contains(a.id())) throw new IllegalArgumentException(a.id() + " is already in " + file.getFileName());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String dash = dashIndent(text);
        String key = dash + "  ";
        StringBuilder b = new StringBuilder(text);
        if (!text.isEmpty() && !text.endsWith("\n")) b.append('\n');
        if (!text.matches("(?s).*^agencies:.*") && !text.contains("\nagencies:") && !text.startsWith("agencies:")) b.append("agencies:\n");
        b.append(dash).append("- id: ").append(a.id()).append('\n');
        if (a.name() != null) b.append(key).append("name: ").append(quote(a.name())).append('\n');
        if (a.email() != null) b.append(key).append("email: ").append(quote(a.email())).append('\n');
        if (a.allocateDocumentIds()) b.append(key).append("allocate-document-ids: true\n");
        if (a.gatewaySigns()) b.append(key).append("gateway-signs: true\n");
        if (a.disabled()) b.append(key).append("disabled: true\n");
        replace(b.toString());
    }

    /** Sets or clears {@code disabled: true} on the agency's block; false if it already was so. */
    public boolean setDisabled(String id, boolean disabled) throws IOException {
        AgencyRegistry current = AgencyRegistry.load(file);
        Agency a = current.find(id).orElseThrow(() -> new IllegalArgumentException(id + " is not in " + file.getFileName()));
        if (a.disabled() == disabled) return false;
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        Pattern idLine = Pattern.compile("^(\\s*)-\\s+id:\\s*[\"']?" + Pattern.quote(id) + "[\"']?\\s*(#.*)?$");
        int start = -1;
        int dash = 0;
        for (int i = 0; i < lines.size() && start < 0; i++) {
            Matcher m = idLine.matcher(lines.get(i));
            if (m.matches()) {
                start = i;
                dash = m.group(1).length();
            }
        }
        if (start < 0) throw new IllegalArgumentException("cannot find the line '- id: " + id + "' in " + file.getFileName());
        int end = start + 1;
        while (end < lines.size()) {
            String l = lines.get(end);
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#") && indent(l) <= dash) break;
            end++;
        }
        Pattern flag = Pattern.compile("^\\s*disabled:.*$");
        for (int i = end - 1; i > start; i--) if (flag.matcher(lines.get(i)).matches()) lines.remove(i);
        if (disabled) lines.add(start + 1, " ".repeat(dash + 2) + "disabled: true");
        replace(String.join("\n", lines) + "\n");
        return true;
    }

    private void replace(String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            AgencyRegistry.load(tmp); // must still read
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw new IllegalArgumentException("the edited file would not load: " + e.getMessage(), e);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String dashIndent(String text) {
        Matcher m = Pattern.compile("(?m)^(\\s*)-\\s+id:").matcher(text);
        return m.find() ? m.group(1) : "  ";
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') i++;
        return i;
    }

    /** Plain when YAML reads it back as the same string, else double-quoted. */
    static String quote(String s) {
        if (s.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} .,()/_@&-]*") && !s.matches("(?i)(true|false|yes|no|on|off|null|~|[0-9.eE+-]+)")) return s;
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
