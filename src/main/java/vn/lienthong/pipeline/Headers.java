package vn.lienthong.pipeline;

/** Message headers the routes use (JMS property names: letters and underscores only). */
public final class Headers {
    public static final String TARGET = "ltTarget";
    public static final String KIND = "ltKind";
    public static final String PACKAGE = "ltPackage";
    public static final String FILE_NAME = "ltFileName";
    public static final String PATH = "ltPath";
    public static final String SKIP = "ltSkip";
    public static final String AGENCY = "ltAgency";
    public static final String MOVE_TO = "ltMoveTo";
    /** Artemis duplicate detection: a second message with the same id on an address is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    public static final String PRIORITY = "JMSPriority";

    private Headers() { }
}
