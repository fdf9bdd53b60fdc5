package org.relais.embeddedmongo;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Index keys as bytes whose unsigned order (SQLite compares BLOBs with memcmp) is the server's value order: types in
 * MongoDB's order (null and missing, numbers, strings, documents, arrays, binary data, ObjectId, boolean, date,
 * timestamp, pattern), numbers by value whatever their BSON type, strings by UTF-16 code unit like Java's
 * {@code String.compareTo}. Every value's encoding is prefix-free (fixed length, or ended by a terminator that sorts
 * below any continuation), so a compound key compares field by field, and a descending field is its bytes inverted.
 */
final class KeyEncoding {

    static final int MIN_KEY = 0x01;
    static final int NULL = 0x05;
    static final int NAN = 0x0F;
    static final int NUMBER = 0x10;
    static final int STRING = 0x20;
    static final int DOCUMENT = 0x30;
    static final int ARRAY = 0x38;
    static final int BINARY = 0x40;
    static final int OBJECT_ID = 0x50;
    static final int BOOLEAN = 0x60;
    static final int DATE = 0x70;
    static final int TIMESTAMP = 0x78;
    static final int PATTERN = 0x80;
    static final int MAX_KEY = 0xF0;

    private static final int END = 0x00;

    private KeyEncoding() {
    }

    /** A whole key, field by field, each inverted where {@code descending} says so. */
    static byte[] encode(KeyValue values, boolean[] descending) {
        return encode(values.stream().toList(), descending);
    }

    static byte[] encode(List<?> values, boolean[] descending) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        for (int i = 0; i < values.size(); i++) {
            byte[] field = value(values.get(i));
            if (i < descending.length && descending[i]) {
                for (int b = 0; b < field.length; b++) {
                    field[b] = (byte) ~field[b];
                }
            }
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    static byte[] value(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        write(value, out);
        return out.toByteArray();
    }

    /**
     * The smallest key above every key that starts with {@code prefix} (its last byte that is not 0xFF incremented,
     * what follows cut), or null when there is none: the exclusive upper bound of a prefix range.
     */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] upper = Arrays.copyOf(prefix, i + 1);
                upper[i]++;
                return upper;
            }
        }
        return null;
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value == null || value instanceof Missing) {
            out.write(NULL);
        } else if (value instanceof MinKey) {
            out.write(MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.write(MAX_KEY);
        } else if (value instanceof Number number) {
            writeNumber(number, out);
        } else if (value instanceof String text) {
            out.write(STRING);
            writeString(text, out);
        } else if (value instanceof Map<?, ?> document) {
            out.write(DOCUMENT);
            for (Map.Entry<?, ?> field : document.entrySet()) {
                write(field.getValue(), out);
                writeString(String.valueOf(field.getKey()), out);
            }
            out.write(END);
        } else if (value instanceof Collection<?> array) {
            out.write(ARRAY);
            array.forEach(element -> write(element, out));
            out.write(END);
        } else if (value instanceof byte[] bytes) {
            writeBinary(0, bytes, out);
        } else if (value instanceof UUID uuid) {
            byte[] bytes = new byte[16];
            putLong(bytes, 0, uuid.getMostSignificantBits());
            putLong(bytes, 8, uuid.getLeastSignificantBits());
            writeBinary(4, bytes, out);
        } else if (value instanceof ObjectId id) {
            out.write(OBJECT_ID);
            out.writeBytes(id.toByteArray());
        } else if (value instanceof Boolean bool) {
            out.write(BOOLEAN);
            out.write(bool ? 1 : 0);
        } else if (value instanceof Instant instant) {
            writeLong(DATE, instant.toEpochMilli(), out);
        } else if (value instanceof Date date) {
            writeLong(DATE, date.getTime(), out);
        } else if (value instanceof BsonTimestamp timestamp) {
            writeLong(TIMESTAMP, timestamp.getValue(), out);
        } else if (value instanceof Pattern || value instanceof BsonRegularExpression) {
            out.write(PATTERN);
            writeString(value.toString(), out);
        } else {
            // a type no read model indexes: kept apart, equal to itself, after every other
            out.write(MAX_KEY - 1);
            writeString(value.getClass().getName() + ":" + value, out);
        }
    }

    /**
     * A number as its double's order-preserving bits, then what a long loses in that double (so that two longs
     * above 2^53 stay apart, and an integral double equals the same long), so 1, 1L and 1.0 have one key.
     */
    private static void writeNumber(Number number, ByteArrayOutputStream out) {
        double asDouble;
        long remainder = 0;
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long exact = number.longValue();
            asDouble = (double) exact;
            if (asDouble < 0x1p63) {
                remainder = exact - (long) asDouble;
            }
        } else if (number instanceof Decimal128 decimal) {
            asDouble = decimal.doubleValue();
        } else {
            asDouble = number.doubleValue();
        }
        if (Double.isNaN(asDouble)) {
            out.write(NAN);
            return;
        }
        if (asDouble == 0.0) {
            asDouble = 0.0;
        }
        long bits = Double.doubleToLongBits(asDouble);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        out.write(NUMBER);
        byte[] bytes = new byte[16];
        putLong(bytes, 0, bits);
        putLong(bytes, 8, remainder ^ Long.MIN_VALUE);
        out.writeBytes(bytes);
    }

    private static void writeLong(int tag, long value, ByteArrayOutputStream out) {
        out.write(tag);
        byte[] bytes = new byte[8];
        putLong(bytes, 0, value ^ Long.MIN_VALUE);
        out.writeBytes(bytes);
    }

    /** Binary data as MongoDB orders it: by length, then subtype, then bytes. */
    private static void writeBinary(int subtype, byte[] bytes, ByteArrayOutputStream out) {
        out.write(BINARY);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(subtype);
        out.writeBytes(bytes);
    }

    /**
     * UTF-16 code units, two bytes each, ended by {@code 00 00}; the units 0 and 1 are written {@code 00 01 00} and
     * {@code 00 01 01} so that the terminator sorts below every unit and no encoding is a prefix of another.
     */
    private static void writeString(String text, ByteArrayOutputStream out) {
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            if (unit <= 1) {
                out.write(0);
                out.write(1);
                out.write(unit);
            } else {
                out.write(unit >>> 8);
                out.write(unit & 0xFF);
            }
        }
        out.write(0);
        out.write(0);
    }

    private static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
        }
    }
}
