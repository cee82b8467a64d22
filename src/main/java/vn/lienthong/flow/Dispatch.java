package vn.lienthong.flow;

/**
 * One thing to put on an agency's durable queue: a document (by the path of its kept raw bytes)
 * or a status packet (its bytes). {@code dupId} is derived from what caused it, so a step replayed
 * after a crash produces the same id and the broker drops the copy (nothing delivered twice).
 */
public record Dispatch(String target, Kind kind, long packageId, String storedPath, byte[] body,
                       String fileName, String dupId, int priority) {

    public enum Kind { DOCUMENT, STATUS }
}
