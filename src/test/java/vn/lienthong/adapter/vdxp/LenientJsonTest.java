package vn.lienthong.adapter.vdxp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** gson 2.2's lenient reading and compact writing (§3 "JSON leniency", §2 sign-header). */
class LenientJsonTest {

    static Stream<Arguments> lenientCases() {
        return Stream.of(
                Arguments.of("{\"a\":\"b\"}", "{\"a\":\"b\"}"),
                Arguments.of("{'a':'b'}", "{\"a\":\"b\"}"),
                Arguments.of("{a:b}", "{\"a\":\"b\"}"),
                Arguments.of("{a=b;c=>d}", "{\"a\":\"b\",\"c\":\"d\"}"),
                Arguments.of("{ \"a\" : 1 , }", "{\"a\":1}"),
                Arguments.of("{\"status\":\"done\",\"docId\":0dbcb61d-7a1e-4c52}", "{\"status\":\"done\",\"docId\":\"0dbcb61d-7a1e-4c52\"}"),
                Arguments.of("{n:-1.5e3,z:0123,t:TRUE,f:False,x:NULL}", "{\"n\":-1.5e3,\"z\":\"0123\",\"t\":true,\"f\":false,\"x\":null}"),
                Arguments.of("# comment\n{a:/*c*/1 // end\n}", "{\"a\":1}"),
                Arguments.of("{\n  \"a\" : [ 1 ,\r\n 2 ]\n}", "{\"a\":[1,2]}"),
                Arguments.of("[1,,2,]", "[1,null,2,null]"),
                Arguments.of("[,]", "[null,null]"),
                Arguments.of("[]", "[]"),
                Arguments.of("{\"a\":\"x\",\"a\":\"y\"}", "{\"a\":\"y\"}"),
                Arguments.of(")]}'\n{\"a\":1}", "{\"a\":1}"),
                Arguments.of("'\\u0041\\'\\/\\q'", "\"A'/q\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lenientCases")
    @DisplayName("lenient reading, written back compactly")
    void lenient(String in, String out) {
        assertEquals(out, LenientJson.toJson(LenientJson.parse(in)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "{", "{\"a\"}", "{\"a\":1 \"b\":2}", "[1 2]", "{} {}", "\"open", "{a:1}}", "/* open"})
    @DisplayName("not JSON even leniently")
    void invalid(String in) {
        assertThrows(LenientJson.SyntaxException.class, () -> LenientJson.parse(in));
    }

    @Test
    @DisplayName("duplicate names are an error where asked (sign-header)")
    void duplicates() {
        assertThrows(LenientJson.SyntaxException.class, () -> LenientJson.parse("{\"a\":1,\"a\":1}", true));
    }

    @Test
    @DisplayName("gson escaping: \" \\ \\t \\b \\n \\r \\f, other controls and U+2028/9 as lowercase \\u; the rest literal")
    void quote() {
        assertEquals("\"\\\"\\\\\\t\\b\\n\\r\\f\\u0000\\u001f\\u2028\\u2029<>&='/đ\"",
                LenientJson.quote("\"\\\t\b\n\r\f\u0000\u001f\u2028\u2029<>&='/đ"));
    }

    @Test
    @DisplayName("getAsString conversions and the cases where the SDK aborts")
    void asString() {
        assertEquals("x", LenientJson.asString("x"));
        assertEquals("12345", LenientJson.asString(new LenientJson.Num("12345")));
        assertEquals("true", LenientJson.asString(true));
        assertEquals("x", LenientJson.asString(List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> LenientJson.asString(LenientJson.Null.INSTANCE));
        assertThrows(IllegalArgumentException.class, () -> LenientJson.asString(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> LenientJson.asString(List.of()));
        assertThrows(IllegalArgumentException.class, () -> LenientJson.asString(Arrays.asList("a", "b")));
    }

    @Test
    @DisplayName("to Jackson: numbers exact, order kept")
    void toJackson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", new LenientJson.Num("12345678901234567890"));
        m.put("a", new LenientJson.Num("1.50"));
        assertEquals("{\"b\":12345678901234567890,\"a\":1.50}", LenientJson.toJackson(m).toString());
    }
}
