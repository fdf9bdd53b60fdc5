package org.relais.web.readside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The read side's index keys are written without the server's encoder for the scalars they are made of; the bytes
 * must be exactly the encoder's (files written before stay readable, and keys compare the same), and every value
 * must come back equal to what the server's decoder gives.
 */
class BsonDataTypesTest {

    private static final List<Object> VALUES = List.of("", "IN_PROGRESS", "Zoé — 日本 \uD83D\uDE00", "a\u0000b",
            0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L, Long.MIN_VALUE, 1L << 40, true, false,
            Instant.parse("2024-02-29T23:59:59.123Z"), Instant.EPOCH, Instant.parse("1960-01-01T00:00:00Z"),
            3.25, new ObjectId(), new Document("nested", 1), List.of("a", 2));

    @Test
    void each_value_is_written_exactly_as_the_servers_encoder_writes_it() {
        for (Object value : VALUES) {
            WriteBuffer direct = new WriteBuffer();
            BsonDataTypes.writeHolder(direct, value);
            assertThat(bytes(direct)).as("%s", value).isEqualTo(viaEncoder(value));
        }
    }

    @Test
    void each_value_reads_back_as_the_servers_decoder_reads_it() {
        for (Object value : VALUES) {
            WriteBuffer written = new WriteBuffer();
            BsonDataTypes.writeHolder(written, value);
            written.put((byte) 42);
            ByteBuffer buffer = written.getBuffer().flip();
            Object read = BsonDataTypes.readHolder(buffer);
            assertThat(read).as("%s", value).isEqualTo(decoded(value));
            assertThat(buffer.get()).as("the next byte after %s", value).isEqualTo((byte) 42);
        }
    }

    @Test
    void a_key_of_every_kind_of_value_comes_back_equal_and_in_the_same_order() {
        List<Object> values = new ArrayList<>(VALUES);
        values.add(Missing.getInstance());
        KeyValue key = new KeyValue(values);
        BsonDataTypes.KeyValueType type = BsonDataTypes.KeyValueType.INSTANCE;
        WriteBuffer written = new WriteBuffer();
        type.write(written, key);
        KeyValue read = type.read(written.getBuffer().flip());
        assertThat(type.compare(read, new KeyValue(decodedAll(values)))).isZero();
        assertThat(read.size()).isEqualTo(values.size());
    }

    /** Filling an index decodes only its fields, stepping over the others whatever their kind. */
    @Test
    void the_fields_an_index_reads_decode_as_in_the_whole_document_whatever_lies_between_them() {
        Document whole = new Document("_id", "case-1");
        for (int i = 0; i < VALUES.size(); i++) {
            whole.append("f" + i, VALUES.get(i));
        }
        whole.append("binary", new BinData(new byte[] {1, 2, 3})).append("none", null)
                .append("timestamp", new BsonTimestamp(1L << 33)).append("decimal", new Decimal128(1L, 2L))
                .append("pattern", new BsonRegularExpression("^a.*", "i")).append("max", MaxKey.getInstance())
                .append("min", MinKey.getInstance())
                .append("items", List.of(new Document("a", 1), new Document("b", List.of("x"))))
                .append("uuid", java.util.UUID.randomUUID()).append("last", "end");
        BsonDataTypes.StoredDocument stored = BsonDataTypes.StoredDocument.of(whole);
        Document decoded = stored.document();
        // compared as BSON: some of the library's value types (a regular expression) do not define equals
        assertThat(BsonDataTypes.encode(stored.fields(decoded.keySet()))).isEqualTo(stored.bson());
        for (String name : decoded.keySet().stream().filter(name -> !name.equals("last")).toList()) {
            assertThat(BsonDataTypes.encode(stored.fields(java.util.Set.of(name, "last")))).as(name)
                    .isEqualTo(BsonDataTypes.encode(new Document(name, decoded.get(name)).append("last", "end")));
        }
        assertThat(stored.fields(java.util.Set.of("absent"))).isEmpty();
    }

    private static List<Object> decodedAll(List<Object> values) {
        return values.stream().map(value -> value instanceof Missing ? value : decoded(value)).toList();
    }

    private static Object decoded(Object value) {
        byte[] bson = viaEncoder(value);
        // skip the varint length (one byte for these sizes)
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson, 1, bson.length - 1)).get("v");
    }

    private static byte[] viaEncoder(Object value) {
        ByteBuf out = Unpooled.buffer();
        BsonEncoder.encodeDocument(new Document("v", value), out);
        byte[] bson = new byte[out.readableBytes()];
        out.readBytes(bson);
        WriteBuffer framed = new WriteBuffer();
        framed.putVarInt(bson.length).put(bson);
        return bytes(framed);
    }

    private static byte[] bytes(WriteBuffer buffer) {
        ByteBuffer content = buffer.getBuffer().flip();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return bytes;
    }
}
