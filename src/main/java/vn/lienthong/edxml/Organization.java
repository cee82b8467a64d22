package vn.lienthong.edxml;

/** An organisation as edXML names it (From, To): mã định danh cơ quan plus contact details. */
public record Organization(String organId, String organName, String organizationInCharge, String organAdd,
                           String email, String telephone, String fax, String website) {
    public static Organization ofId(String organId, String name) {
        return new Organization(organId, name, name, null, null, null, null, null);
    }
}
