package vn.lienthong.registry;

import java.util.regex.Pattern;

/**
 * Organisation id forms (mã định danh cơ quan, R2). The strict form {@code V1V2V3.Z1Z2.Y1Y2.MX1X2}
 * (e.g. {@code 000.00.00.H41}) is required of every agency in our registry; the 2022 amendment's
 * general form (at most 35 characters of 0–9, A–Z in dot-separated groups) is what relayed
 * traffic may carry.
 */
public final class OrganIds {
    private static final Pattern STRICT = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");
    private static final Pattern GENERAL = Pattern.compile("[0-9A-Z]+(\\.[0-9A-Z]+)*");

    private OrganIds() { }

    public static boolean isStrict(String id) {
        return id != null && STRICT.matcher(id).matches();
    }

    public static boolean isGeneral(String id) {
        return id != null && id.length() <= 35 && GENERAL.matcher(id).matches();
    }
}
