package dev.pulse.x;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link PostFields}: finds {@code data.id} and the {@code matching_rules} array of an ordinary post
 * line while checking that the whole line is strict JSON, skipping string bodies eight bytes at a time (Jackson skips
 * them byte by byte). Measured through the channel, same binary with it switched off: a fresh JVM's first X ingest
 * 25-26k posts/s with it, 10-12k with Jackson's streaming parser alone. It never rejects a line: for anything it does
 * not take (an escape in a key or the id, {@code errors}, {@code title}, a byte sequence that is not well-formed UTF-8,
 * trailing content, anything not JSON) it answers null and Jackson judges the line.
 */
final class PostScanner {

    /** Where {@code data.id} and the {@code matching_rules} array are; {@code rulesFrom < 0} when there are none. */
    record Found(String id, int rulesFrom, int rulesTo) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER = 100;
    private static final int MAX_STRING = 40_000;

    /** Thrown (without a stack) to leave a line to Jackson. */
    private static final RuntimeException DEFER = new RuntimeException("not for the fast path", null, false, false) {
    };

    private final byte[] b;
    private int i;
    private int nameFrom;
    private int nameTo;

    private PostScanner(byte[] line) {
        this.b = line;
    }

    /** The id and rules of an ordinary post, or null when Jackson must judge the line. */
    static Found scan(byte[] line) {
        try {
            return new PostScanner(line).post();
        } catch (RuntimeException e) { // DEFER, or an index past the end of a line cut short
            return null;
        }
    }

    private Found post() {
        expect('{');
        String id = null;
        int rulesFrom = -1;
        int rulesTo = -1;
        if (peek() != '}') {
            do {
                name();
                if (nameIs("data")) {
                    id = peek() == '{' ? data() : skipValue(0);
                } else if (nameIs("matching_rules")) {
                    skipSpace();
                    if (b[i] != '[') {
                        throw DEFER;
                    }
                    rulesFrom = i;
                    value(0);
                    rulesTo = i;
                } else if (nameIs("errors") || nameIs("title")) {
                    throw DEFER;
                } else {
                    value(0);
                }
            } while (next(',', '}'));
        } else {
            i++;
        }
        skipSpace();
        if (i != b.length || id == null) {
            throw DEFER;
        }
        return new Found(id, rulesFrom, rulesTo);
    }

    /** The {@code data} object: its last {@code id} if that is a string, else null. */
    private String data() {
        expect('{');
        String id = null;
        if (peek() != '}') {
            do {
                name();
                if (nameIs("id")) {
                    if (peek() == '"') {
                        int from = i + 1;
                        string(false);
                        id = new String(b, from, i - 1 - from, StandardCharsets.UTF_8);
                    } else {
                        id = skipValue(1);
                    }
                } else {
                    value(1);
                }
            } while (next(',', '}'));
        } else {
            i++;
        }
        return id;
    }

    private String skipValue(int depth) {
        value(depth);
        return null;
    }

    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw DEFER;
        }
        switch (peek()) {
            case '"' -> string(true);
            case '{' -> {
                i++;
                if (peek() != '}') {
                    do {
                        string(true);
                        expect(':');
                        value(depth + 1);
                    } while (next(',', '}'));
                } else {
                    i++;
                }
            }
            case '[' -> {
                i++;
                if (peek() != ']') {
                    do {
                        value(depth + 1);
                    } while (next(',', ']'));
                } else {
                    i++;
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /** A string at {@code i} (after space); leaves {@code i} after its closing quote. Escapes only where allowed. */
    private void string(boolean escapes) {
        expect('"');
        int from = i;
        while (true) {
            // a high bit marks a quote, a backslash, a byte below 0x20 or from 0x80 on; the lowest one is a true mark
            for (; i + Long.BYTES <= b.length; i += Long.BYTES) {
                long word = (long) LONGS.get(b, i);
                long quote = word ^ 0x2222222222222222L;
                long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
                long special = ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash
                        | (word - 0x2020202020202020L) | word) & HIGHS;
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                if (i - from > MAX_STRING) { // rare; Jackson limits names to 50,000 bytes, so it judges these
                    throw DEFER;
                }
                i++;
                return;
            } else if (c == '\\' && escapes) {
                escape();
            } else if (c >= 0x80) {
                utf8(c);
            } else if (c < 0x20 || c == '\\') {
                throw DEFER;
            } else {
                i++;
            }
        }
    }

    private void escape() {
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
            case 'u' -> {
                for (int k = 2; k < 6; k++) {
                    if (Character.digit(b[i + k], 16) < 0) {
                        throw DEFER;
                    }
                }
                i += 6;
            }
            default -> throw DEFER;
        }
    }

    /** One well-formed UTF-8 sequence starting with {@code c} (no overlong form, no surrogate, at most U+10FFFF). */
    private void utf8(int c) {
        int n;
        int min;
        int max = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            min = c == 0xE0 ? 0xA0 : 0x80;
            max = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            min = c == 0xF0 ? 0x90 : 0x80;
            max = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            throw DEFER;
        }
        int second = b[i + 1] & 0xff;
        if (second < min || second > max) {
            throw DEFER;
        }
        for (int k = 2; k <= n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw DEFER;
            }
        }
        i += n + 1;
    }

    private void number() {
        int from = i;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else {
            digits();
        }
        if (i < b.length && b[i] == '.') {
            i++;
            digits();
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (b[i] == '+' || b[i] == '-') {
                i++;
            }
            digits();
        }
        if (i - from > MAX_NUMBER) {
            throw DEFER;
        }
    }

    private void digits() {
        int from = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        if (i == from) {
            throw DEFER;
        }
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (b[i + k] != word.charAt(k)) {
                throw DEFER;
            }
        }
        i += word.length();
    }

    /** After a member or element: true at {@code more}, false (consumed) at {@code end}, else not JSON. */
    private boolean next(char more, char end) {
        skipSpace();
        byte c = b[i++];
        if (c == more) {
            skipSpace();
            return true;
        }
        if (c != end) {
            throw DEFER;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (b[i] != c) {
            throw DEFER;
        }
        i++;
    }

    private byte peek() {
        skipSpace();
        return b[i];
    }

    private void skipSpace() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }

    /** A member's name, without escapes, and its colon; {@link #nameIs} compares it. */
    private void name() {
        nameFrom = i + 1;
        string(false);
        nameTo = i - 1;
        expect(':');
    }

    private boolean nameIs(String name) {
        if (nameTo - nameFrom != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (b[nameFrom + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
