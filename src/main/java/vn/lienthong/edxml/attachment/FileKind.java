package vn.lienthong.edxml.attachment;

/**
 * What an attachment is, decided from its bytes (see {@link ContentSniffer}), never from the
 * name or declared MIME type alone.
 *
 * <p>R12 allows TXT, DOC, DOCX, XLS, XLSX, PDF, ODT, ODS, ODP. {@link #ZIP} is not a document
 * format but a container: the national SDK zips every file, so a ZIP is opened and each file in
 * it must itself be of an allowed kind.
 */
public enum FileKind {
    PDF("PDF", true),
    DOC("Word 97-2003 (.doc)", true),
    XLS("Excel 97-2003 (.xls)", true),
    /** An OLE2 compound file not named .doc/.xls (e.g. .ppt, .msg, encrypted Office, .msi). */
    OLE2_OTHER("Microsoft compound file (OLE2) other than .doc/.xls", false),
    DOCX("Word (.docx)", true),
    XLSX("Excel (.xlsx)", true),
    /** An Office Open XML package other than a plain .docx/.xlsx: .pptx, .vsdx, macro-enabled files. */
    OOXML_OTHER("Office Open XML document other than .docx/.xlsx", false),
    ODT("OpenDocument text (.odt)", true),
    ODS("OpenDocument spreadsheet (.ods)", true),
    ODP("OpenDocument presentation (.odp)", true),
    /** An OpenDocument package of another type (.odg, .odf, templates, ...). */
    ODF_OTHER("OpenDocument file other than .odt/.ods/.odp", false),
    /** UTF-8 (or ASCII) text, XML included. */
    TXT("text (UTF-8)", true),
    /** A plain ZIP archive: a container whose files are checked one by one. */
    ZIP("ZIP archive", false),
    UNKNOWN("unrecognised or not allowed content", false);

    private final String label;
    private final boolean allowed;

    FileKind(String label, boolean allowed) {
        this.label = label;
        this.allowed = allowed;
    }

    /** A short description a clerk can read. */
    public String label() { return label; }

    /** True for the document formats R12 allows (a ZIP is a container, not a document: false). */
    public boolean allowed() { return allowed; }

    /** True for a ZIP container that is unpacked and whose contents are checked. */
    public boolean isContainer() { return this == ZIP; }
}
