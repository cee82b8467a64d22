package vn.lienthong.flow;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.encoding.VietnameseText;
import vn.lienthong.encoding.VietnameseText.Detection;
import vn.lienthong.encoding.VietnameseText.Encoding;

/**
 * Legacy Vietnamese text in a package (R12): the header's text, read all together, is checked for
 * TCVN3 / VNI / CP1258; such text is converted to Unicode NFC field by field. Detecting on the whole
 * header, not field by field, is what makes short fields decidable.
 */
final class LegacyText {
    private LegacyText() { }

    /** The encoding of the package's header text. */
    static Detection detect(EdxmlPackage p) {
        String all = p.fields().values().stream().filter(v -> v != null && !v.isBlank()).collect(Collectors.joining("\n"));
        return VietnameseText.detect(all);
    }

    /** The same package with every text converted from {@code from} to Unicode NFC. */
    static EdxmlPackage convert(EdxmlPackage p, Encoding from) {
        return map(p, s -> VietnameseText.convert(s, from));
    }

    /** A copy of a record with {@code f} applied to every String inside it (nested records, lists, maps). */
    @SuppressWarnings("unchecked")
    static <T> T map(T value, UnaryOperator<String> f) {
        if (value == null) return null;
        if (value instanceof String s) return (T) f.apply(s);
        if (value instanceof List<?> l) return (T) l.stream().map(x -> map(x, f)).toList();
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, map(v, f)));
            return (T) out;
        }
        if (value instanceof Record r) {
            try {
                RecordComponent[] cs = r.getClass().getRecordComponents();
                Object[] args = new Object[cs.length];
                Class<?>[] types = new Class<?>[cs.length];
                for (int i = 0; i < cs.length; i++) {
                    args[i] = map(cs[i].getAccessor().invoke(r), f);
                    types[i] = cs[i].getType();
                }
                return (T) r.getClass().getDeclaredConstructor(types).newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot convert " + r.getClass(), e);
            }
        }
        return value;
    }
}
