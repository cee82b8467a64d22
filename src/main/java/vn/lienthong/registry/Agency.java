package vn.lienthong.registry;

/**
 * An agency connected to this axis (cơ quan, đơn vị): its organisation id, its name, and whether
 * the gateway allocates document numbers for it (R2: legacy systems that cannot number).
 */
public record Agency(String id, String name, String email, Boolean allocateDocumentIds) {
    public Agency {
        allocateDocumentIds = allocateDocumentIds != null && allocateDocumentIds;
    }
}
