package vn.lienthong.edxml.attachment;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.lienthong.validation.Finding;

/**
 * What {@link AttachmentInspector#inspect} found in one attachment.
 *
 * @param kind     what the attachment itself is, by content ({@link FileKind#ZIP} for the
 *                 national SDK's zipped files)
 * @param files    for a ZIP container, the documents unpacked from it (nested ZIPs are opened and
 *                 their documents listed, the nested ZIP files themselves are not); empty when
 *                 the attachment is itself a document
 * @param problems refusal reasons (E4xx) and warnings (W403), in the order found
 */
public record Inspection(FileKind kind, List<ContainedFile> files, List<Finding> problems) {

    /**
     * One document unpacked from a ZIP container.
     *
     * @param name      the sanitised file name it was written under (see {@link FileNames#sanitise})
     * @param kind      what it is, by content
     * @param size      its size in bytes (as actually inflated)
     * @param path      where it was written, inside the unpack directory
     * @param entryPath where it was in the archive, for a clerk: folder parts joined by {@code /},
     *                  nested ZIPs by {@code " > "} (control characters shown as {@code ?})
     */
    public record ContainedFile(String name, FileKind kind, long size, Path path, String entryPath) {
        public ContainedFile {
            Objects.requireNonNull(name);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(path);
        }
    }

    public Inspection {
        Objects.requireNonNull(kind);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** True when nothing in {@link #problems()} is a refusal (warnings are allowed). */
    public boolean accepted() {
        return problems.stream().allMatch(Finding::isWarning);
    }

    /** The refusal reasons only. */
    public List<Finding> errors() {
        return problems.stream().filter(f -> !f.isWarning()).toList();
    }

    /** The warnings only. */
    public List<Finding> warnings() {
        return problems.stream().filter(Finding::isWarning).toList();
    }

    /** True when the attachment was a ZIP container that was unpacked. */
    public boolean isContainer() {
        return kind.isContainer();
    }
}
