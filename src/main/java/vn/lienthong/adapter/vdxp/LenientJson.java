package vn.lienthong.adapter.vdxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON the way the SDK's gson 2.2 reads and writes it (VDXP-PROTOCOL.md §3 "JSON leniency", §5.2).
 *
 * <p>Reading is lenient like gson's {@code JsonReader.setLenient(true)}: single-quoted and unquoted
 * names and values ({@code {"status":"done","docId":0dbcb61d-…}}), {@code =} or {@code =>} between
 * name and value, {@code ;} between members, {@code #}, {@code //} and block comments,
 * case-insensitive {@code true/false/null}, empty array elements read as null, and the
 * non-execute prefix <code>)]&#125;'</code>. Jackson cannot read unquoted values, hence this reader.
 *
 * <p>The tree is plain Java: {@link Map} (insertion-ordered), {@link List}, {@link String} (quoted
 * strings and unquoted literals that are not numbers or keywords), {@link Num} (a number kept as the
 * text written, like gson's {@code LazilyParsedNumber}), {@link Boolean} and {@link Null}.
 *
 * <p>Writing ({@link #toJson}) is gson's {@code JsonElement.toString()}: compact, and only {@code "},
 * {@code \}, control characters and U+2028/2029 escaped; {@code < > & = ' /} and non-ASCII stay literal.
 */
public final class LenientJson {
    /** JSON null (a sentinel, so a map value of null is never ambiguous). */
    public enum Null {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    /** A number, kept exactly as written. */
    public record Num(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Not JSON, even leniently. */
    public static final class SyntaxException extends IllegalArgumentException {
        SyntaxException(String message) {
            super(message);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String s;
    private final boolean rejectDuplicateNames;
    private int pos;

    private LenientJson(String s, boolean rejectDuplicateNames) {
        this.s = s;
        this.rejectDuplicateNames = rejectDuplicateNames;
    }

    /** Parses one lenient JSON value; anything but whitespace or comments after it is an error. */
    public static Object parse(String text) {
        return parse(text, false);
    }

    static Object parse(String text, boolean rejectDuplicateNames) {
        if (text == null) {
            throw new SyntaxException("no JSON text");
        }
        LenientJson p = new LenientJson(text, rejectDuplicateNames);
        if (text.startsWith(")]}'\n")) {
            p.pos = 5;
        }
        Object value = p.value();
        if (p.peek() != -1) {
            throw p.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Parses a lenient JSON object; later duplicate names replace earlier values (gson). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new SyntaxException("not a JSON object");
        }
        return (Map<String, Object>) v;
    }

    // ---------------------------------------------------------------- reading

    private SyntaxException error(String what) {
        return new SyntaxException(what + " at offset " + pos);
    }

    /** Skips whitespace and comments; returns the next character without consuming it, or -1. */
    private int peek() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                skipLine();
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                skipLine();
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw error("unterminated comment");
                }
                pos = end + 2;
            } else {
                return c;
            }
        }
        return -1;
    }

    private void skipLine() {
        while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
            pos++;
        }
    }

    private Object value() {
        int c = peek();
        switch (c) {
            case -1:
                throw error("end of input where a value was expected");
            case '{':
                pos++;
                return object();
            case '[':
                pos++;
                return array();
            case '"':
            case '\'':
                pos++;
                return string((char) c);
            default:
                return literal();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            int c = peek();
            if (c == '}') {
                pos++;
                return map;
            }
            String name;
            if (c == '"' || c == '\'') {
                pos++;
                name = string((char) c);
            } else if (c == -1) {
                throw error("unterminated object");
            } else {
                name = literalText();
            }
            c = peek();
            if (c == ':') {
                pos++;
            } else if (c == '=') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '>') {
                    pos++;
                }
            } else {
                throw error("expected ':' after name");
            }
            Object v = value();
            if (rejectDuplicateNames && map.containsKey(name)) {
                throw error("duplicate name " + name);
            }
            map.put(name, v);
            c = peek();
            if (c == ',' || c == ';') {
                pos++;
            } else if (c == '}') {
                pos++;
                return map;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            int c = peek();
            if (c == ',' || c == ';') {
                list.add(Null.INSTANCE); // an omitted element is null (gson, lenient)
            } else if (c == ']') {
                list.add(Null.INSTANCE); // "[1,]" is [1,null] in gson
                pos++;
                return list;
            } else {
                list.add(value());
            }
            c = peek();
            if (c == ',' || c == ';') {
                pos++;
            } else if (c == ']') {
                pos++;
                return list;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'u':
                    if (pos + 4 > s.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                default:
                    sb.append(e); // \" \\ \/ \' and, like gson, any other escaped character as itself
            }
        }
    }

    private static boolean isLiteral(char c) {
        switch (c) {
            case '/': case '\\': case ';': case '#': case '=':
            case '{': case '}': case '[': case ']': case ':': case ',':
            case ' ': case '\t': case '\f': case '\r': case '\n':
                return false;
            default:
                return true;
        }
    }

    private String literalText() {
        int start = pos;
        while (pos < s.length() && isLiteral(s.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("unexpected character '" + s.charAt(pos) + "'");
        }
        return s.substring(start, pos);
    }

    private Object literal() {
        String text = literalText();
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (text.equalsIgnoreCase("null")) {
            return Null.INSTANCE;
        }
        if (NUMBER.matcher(text).matches()) {
            return new Num(text);
        }
        return text;
    }

    // ---------------------------------------------------------------- writing

    /** gson's compact {@code toString()} of a tree built of the types above. */
    public static String toJson(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null || v == Null.INSTANCE) {
            sb.append("null");
        } else if (v instanceof String str) {
            quote(sb, str);
        } else if (v instanceof Num || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, list.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON tree value: " + v.getClass());
        }
    }

    /** A JSON string literal escaped as gson's (non-HTML-safe) {@code JsonWriter} does. */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2);
        quote(sb, value);
        return sb.toString();
    }

    static void quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                case '\u2028':
                case '\u2029':
                    sb.append(String.format("\\u%04x", (int) c));
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    // ---------------------------------------------------------------- conversions

    /**
     * gson's {@code getAsString()}, which is how the SDK turns a caller-JSON value into a header value
     * (§1 "Caller JSON values"): a string as itself, a number as written, a boolean as
     * {@code true/false}, a one-element array as its element.
     *
     * @throws IllegalArgumentException for null, an object, or an array that has not exactly one element
     *     (the SDK aborts the call)
     */
    public static String asString(Object v) {
        if (v instanceof String str) {
            return str;
        }
        if (v instanceof Num || v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        if (v instanceof List<?> list && list.size() == 1) {
            return asString(list.get(0));
        }
        throw new IllegalArgumentException("a caller JSON value must be a string, number, boolean or one-element array, not "
                + toJson(v));
    }

    /** The same tree as a Jackson node (numbers exact). */
    public static JsonNode toJackson(Object v) {
        JsonNodeFactory f = JsonNodeFactory.withExactBigDecimals(true);
        return toJackson(f, v);
    }

    private static JsonNode toJackson(JsonNodeFactory f, Object v) {
        if (v == null || v == Null.INSTANCE) {
            return f.nullNode();
        }
        if (v instanceof String str) {
            return f.textNode(str);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Num n) {
            String t = n.text();
            if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
                BigInteger bi = new BigInteger(t);
                if (bi.bitLength() < 32) {
                    return f.numberNode(bi.intValue());
                }
                if (bi.bitLength() < 64) {
                    return f.numberNode(bi.longValue());
                }
                return f.numberNode(bi);
            }
            return f.numberNode(new BigDecimal(t));
        }
        if (v instanceof Map<?, ?> map) {
            ObjectNode o = f.objectNode();
            map.forEach((k, x) -> o.set(String.valueOf(k), toJackson(f, x)));
            return o;
        }
        if (v instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(x -> a.add(toJackson(f, x)));
            return a;
        }
        throw new IllegalArgumentException("not a JSON tree value: " + v.getClass());
    }
}
