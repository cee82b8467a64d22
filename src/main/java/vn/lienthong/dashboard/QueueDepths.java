package vn.lienthong.dashboard;

/** How many messages wait on a broker queue; -1 when unknown (queue not created yet, or an external broker). */
@FunctionalInterface
public interface QueueDepths {
    long depth(String queue);

    QueueDepths UNKNOWN = q -> -1;
}
