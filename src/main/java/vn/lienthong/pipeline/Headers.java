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
    /** The receiver a dispatch is for, when the queue is not its own (the national axis, a member gateway). */
    public static final String RECEIVER = "ltReceiver";
    /** The dispatch's duplicate id, readable by consumers (the broker's own header is not). */
    public static final String DISPATCH_ID = "ltDispatchId";
    /** Why a message was dead-lettered: the last error of its last attempt. */
    public static final String LAST_ERROR = "ltLastError";
    /** The queue a dead-lettered message came from (where a replay puts it back). */
    public static final String ORIGINAL_QUEUE = "ltOrigQueue";
    /** Set by a step that gave up after its retry limit: the route sends the message to the dead-letter address. */
    public static final String GIVE_UP = "ltGiveUp";

    private Headers() { }
}
