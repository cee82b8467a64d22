package vn.lienthong.broker;

/** The gateway's durable addresses on Artemis. */
public final class Queues {
    /** Packages handed in by any adapter, waiting to be recorded and routed. */
    public static final String INBOUND = "lienthong.inbound";
    /** Prefix of each agency's own queue: documents and statuses to be put into its hands. */
    public static final String AGENCY_PREFIX = "lienthong.agency.";
    /** Where the broker parks a message after its last failed delivery attempt. */
    public static final String DEAD = "lienthong.dead";
    /** Dead letters after the store recorded them: kept for IT staff to inspect or replay. */
    public static final String PARKED = "lienthong.parked";

    private Queues() { }

    public static String agency(String organId) {
        return AGENCY_PREFIX + organId;
    }
}
