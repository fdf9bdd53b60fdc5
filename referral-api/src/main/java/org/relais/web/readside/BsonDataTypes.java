package org.relais.web.readside;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    private BsonDataTypes() {
    }

    /** Whole documents, as BSON behind a length. */
    static final class DocumentType extends BasicDataType<Document> {

        static final DocumentType INSTANCE = new DocumentType();

        @Override
        public int getMemory(Document document) {
            return estimate(document);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            byte[] bson = encode(document);
            buffer.putVarInt(bson.length).put(bson);
        }

        @Override
        public Document read(ByteBuffer buffer) {
            return decode(buffer);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
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
                    Document holder = new Document();
                    holder.put("v", value);
                    byte[] bson = encode(holder);
                    buffer.put(PRESENT).putVarInt(bson.length).put(bson);
                }
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(buffer.get() == MISSING ? Missing.getInstance() : decode(buffer).get("v"));
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    private static byte[] encode(Document document) {
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

    private static Document decode(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        byte[] bson = new byte[length];
        buffer.get(bson);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** A cheap estimate of the heap a document takes (for the page cache's accounting), without encoding it. */
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
