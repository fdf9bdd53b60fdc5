package org.relais.embeddedmongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Documents as BSON, with the server's own wire codec. */
final class DocumentCodec {

    private DocumentCodec() {
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

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** A single value (an {@code _id}, a unique key) kept as a one-field document. */
    static byte[] encodeValue(Object value) {
        return encode(new Document("v", value));
    }

    static Object decodeValue(byte[] bson) {
        return decode(bson).get("v");
    }
}
