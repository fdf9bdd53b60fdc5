package org.relais.web.readside;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded read side writes documents and index keys into its MVStore file: as BSON, the server's own wire
 * encoding. The library's default (H2's {@code ObjectDataType}) uses Java serialization: every page write serialized
 * each document with a fresh class-descriptor table, and every lookup in a unique index serialized both keys to
 * compare them; profiling a catch-up showed more than half of the CPU there.
 */
final class BsonDataTypes {

    private static final byte BSON_DOUBLE = 0x01;
    private static final byte BSON_STRING = 0x02;
    private static final byte BSON_DOCUMENT = 0x03;
    private static final byte BSON_ARRAY = 0x04;
    private static final byte BSON_BINARY = 0x05;
    private static final byte BSON_UNDEFINED = 0x06;
    private static final byte BSON_OBJECT_ID = 0x07;
    private static final byte BSON_BOOLEAN = 0x08;
    private static final byte BSON_DATE_TIME = 0x09;
    private static final byte BSON_NULL = 0x0A;
    private static final byte BSON_INT32 = 0x10;
    private static final byte BSON_TIMESTAMP = 0x11;
    private static final byte BSON_INT64 = 0x12;
    private static final byte BSON_DECIMAL128 = 0x13;
    private static final byte BSON_MIN_KEY = (byte) 0xFF;
    private static final byte BSON_MAX_KEY = 0x7F;

    private BsonDataTypes() {
    }

    /**
     * A document as the collection's map holds it: its BSON, encoded once when it is stored. MVStore rewrites a whole
     * page whenever one of its entries changes, so a page of decoded documents re-encoded every unchanged neighbour
     * at each commit (a sixth of a catch-up's CPU); kept as bytes, a page write copies them. Each read decodes a new
     * document, so no caller can change the stored one.
     */
    record StoredDocument(byte[] bson) {

        static StoredDocument of(Document document) {
            return new StoredDocument(encode(document));
        }

        Document document() {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }

        /**
         * The document with only the named top-level fields decoded, the others stepped over: what an index's keys
         * are computed from when it is filled from every document of a collection.
         */
        Document fields(Set<String> names) {
            ByteBuf buffer = Unpooled.wrappedBuffer(bson);
            buffer.skipBytes(Integer.BYTES);
            Document document = new Document();
            for (byte type = buffer.readByte(); type != 0; type = buffer.readByte()) {
                String name = BsonDecoder.decodeCString(buffer);
                if (names.contains(name)) {
                    document.put(name, BsonDecoder.decodeValue(type, buffer));
                } else {
                    skipValue(type, buffer);
                }
            }
            return document;
        }

        private static void skipValue(byte type, ByteBuf buffer) {
            switch (type) {
                case BSON_UNDEFINED, BSON_NULL, BSON_MIN_KEY, BSON_MAX_KEY -> { }
                case BSON_BOOLEAN -> buffer.skipBytes(1);
                case BSON_INT32 -> buffer.skipBytes(Integer.BYTES);
                case BSON_DOUBLE, BSON_DATE_TIME, BSON_TIMESTAMP, BSON_INT64 -> buffer.skipBytes(Long.BYTES);
                case BSON_OBJECT_ID -> buffer.skipBytes(12);
                case BSON_DECIMAL128 -> buffer.skipBytes(16);
                case BSON_STRING -> buffer.skipBytes(buffer.readIntLE());
                case BSON_BINARY -> buffer.skipBytes(buffer.readIntLE() + 1);
                case BSON_DOCUMENT, BSON_ARRAY -> buffer.skipBytes(buffer.readIntLE() - Integer.BYTES);
                default -> BsonDecoder.decodeValue(type, buffer);
            }
        }
    }

    /** Whole documents, as BSON behind a length. */
    static final class DocumentType extends BasicDataType<StoredDocument> {

        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(StoredDocument document) {
            return 32 + document.bson().length;
        }

        @Override
        public void write(WriteBuffer buffer, StoredDocument document) {
            buffer.putVarInt(document.bson().length).put(document.bson());
        }

        @Override
        public StoredDocument read(ByteBuffer buffer) {
            byte[] bson = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(bson);
            return new StoredDocument(bson);
        }

        @Override
        public StoredDocument[] createStorage(int size) {
            return new StoredDocument[size];
        }
    }

    /**
     * The keys of unique indexes: each value of the key as a one-field BSON document, or a tag for a missing field.
     * Ordered value by value with the server's own comparison (without its array semantics, so that two different
     * arrays never compare equal).
     */
    static final class KeyValueType extends BasicDataType<KeyValue> {

        static final KeyValueType INSTANCE = new KeyValueType(new boolean[0]);

        /**
         * A bound that sorts after every value, whatever the direction: {@code (v, END)} follows every key that
         * starts with {@code v}. Only ever used to look keys up, never written.
         */
        static final Object END = new Object();

        private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();
        private static final byte MISSING = 0;
        private static final byte PRESENT = 1;

        private final boolean[] descending;

        private KeyValueType(boolean[] descending) {
            this.descending = descending;
        }

        /** Keys ordered value by value, the i-th one descending where {@code descending[i]} says so. */
        static KeyValueType ordered(boolean[] descending) {
            return new KeyValueType(descending.clone());
        }

        /** A key sorts before every longer key it is a prefix of. */
        @Override
        public int compare(KeyValue a, KeyValue b) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                Object left = a.get(i);
                Object right = b.get(i);
                if (left == END || right == END) {
                    if (left != right) {
                        return left == END ? 1 : -1;
                    }
                    continue;
                }
                int byValue = VALUES.compare(left, right);
                if (byValue != 0) {
                    return i < descending.length && descending[i] ? -byValue : byValue;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 48;
            for (Object value : key) {
                memory += estimateValue(value);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                if (value instanceof Missing) {
                    buffer.put(MISSING);
                } else {
                    buffer.put(PRESENT);
                    writeHolder(buffer, value);
                }
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(buffer.get() == MISSING ? Missing.getInstance() : readHolder(buffer));
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    /**
     * A key value as the one-field BSON document {@code {v: value}} behind its length. The scalars index keys are
     * made of are written directly, byte for byte what the server's encoder writes (the test compares them); any
     * other value goes through the encoder. Index pages are rewritten at every commit that touches them, so this runs
     * for every key of every such page.
     */
    static void writeHolder(WriteBuffer buffer, Object value) {
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            holderHeader(buffer, 4 + utf8.length + 1, BSON_STRING);
            buffer.putInt(Integer.reverseBytes(utf8.length + 1)).put(utf8).put((byte) 0).put((byte) 0);
        } else if (value instanceof Integer number) {
            holderHeader(buffer, 4, BSON_INT32);
            buffer.putInt(Integer.reverseBytes(number)).put((byte) 0);
        } else if (value instanceof Long number) {
            holderHeader(buffer, 8, BSON_INT64);
            buffer.putLong(Long.reverseBytes(number)).put((byte) 0);
        } else if (value instanceof Boolean flag) {
            holderHeader(buffer, 1, BSON_BOOLEAN);
            buffer.put((byte) (flag ? 1 : 0)).put((byte) 0);
        } else if (value instanceof Instant instant) {
            holderHeader(buffer, 8, BSON_DATE_TIME);
            buffer.putLong(Long.reverseBytes(instant.toEpochMilli())).put((byte) 0);
        } else {
            Document holder = new Document();
            holder.put("v", value);
            byte[] bson = encode(holder);
            buffer.putVarInt(bson.length).put(bson);
        }
    }

    /** What {@link #writeHolder} wrote: the scalars read directly, anything else through the decoder. */
    static Object readHolder(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        int start = buffer.position();
        int value = start + 7;
        Object scalar = switch (buffer.get(start + 4)) {
            case BSON_STRING -> {
                byte[] utf8 = new byte[littleEndianInt(buffer, value) - 1];
                buffer.get(value + 4, utf8);
                yield new String(utf8, StandardCharsets.UTF_8);
            }
            case BSON_INT32 -> littleEndianInt(buffer, value);
            case BSON_INT64 -> littleEndianLong(buffer, value);
            case BSON_BOOLEAN -> buffer.get(value) != 0;
            case BSON_DATE_TIME -> Instant.ofEpochMilli(littleEndianLong(buffer, value));
            default -> null;
        };
        if (scalar == null) {
            byte[] bson = new byte[length];
            buffer.get(start, bson);
            scalar = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)).get("v");
        }
        buffer.position(start + length);
        return scalar;
    }

    private static int littleEndianInt(ByteBuffer buffer, int index) {
        int value = buffer.getInt(index);
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    private static long littleEndianLong(ByteBuffer buffer, int index) {
        long value = buffer.getLong(index);
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value);
    }

    /** The length, the document's length, the type and the field name {@code v} of a holder. */
    private static void holderHeader(WriteBuffer buffer, int valueLength, byte type) {
        int documentLength = 4 + 1 + 2 + valueLength + 1;
        buffer.putVarInt(documentLength).putInt(Integer.reverseBytes(documentLength)).put(type)
                .put((byte) 'v').put((byte) 0);
    }

    static byte[] encode(Document document) {
        ByteBuf out = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    /** A cheap estimate of the heap a document inside an index key takes (the page cache's accounting). */
    private static int estimate(Map<String, ?> document) {
        int memory = 64;
        for (Map.Entry<String, ?> field : document.entrySet()) {
            memory += 48 + 2 * field.getKey().length() + estimateValue(field.getValue());
        }
        return memory;
    }

    private static int estimateValue(Object value) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> nested = (Map<String, ?>) map;
            return estimate(nested);
        }
        if (value instanceof Collection<?> values) {
            int memory = 40;
            for (Object element : values) {
                memory += 8 + estimateValue(element);
            }
            return memory;
        }
        return 24;
    }
}
