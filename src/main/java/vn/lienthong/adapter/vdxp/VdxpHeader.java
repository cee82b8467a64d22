package vn.lienthong.adapter.vdxp;

/** One HTTP header line, name as written. */
public record VdxpHeader(String name, String value) {
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
