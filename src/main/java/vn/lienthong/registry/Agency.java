package vn.lienthong.registry;

/**
 * An agency connected to this axis (cơ quan, đơn vị): its organisation id, its name, whether the
 * gateway allocates document numbers for it (R2: legacy systems that cannot number), and whether the
 * gateway signs the packages it relays for it (its system cannot sign, R9), and whether it is disabled
 * ({@code disabled: true}: kept in the registry and its history, but it can neither send nor receive;
 * refused with {@code E304}).
 */
public record Agency(String id, String name, String email, Boolean allocateDocumentIds, Boolean gatewaySigns, Boolean disabled) {
    public Agency {
        allocateDocumentIds = allocateDocumentIds != null && allocateDocumentIds;
        gatewaySigns = gatewaySigns != null && gatewaySigns;
        disabled = disabled != null && disabled;
    }

    public Agency(String id, String name, String email, Boolean allocateDocumentIds, Boolean gatewaySigns) {
        this(id, name, email, allocateDocumentIds, gatewaySigns, false);
    }
}
