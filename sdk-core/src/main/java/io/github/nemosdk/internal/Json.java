package io.github.nemosdk.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The SDK's single, shared Jackson setup: unknown properties ignored, nesting and sizes bounded, decimals read
 * exactly ({@code BigDecimal}, trailing zeros kept) so that what the SDK sends back is what it received.
 */
public final class Json {
    /** The longest lifetime or duration read from an answer, in seconds (a century); a longer one is taken as none. */
    public static final long MAX_SECONDS = 100L * 366 * 24 * 3600;

    /** Deepest JSON nesting accepted in a response. */
    public static final int MAX_NESTING_DEPTH = 256;

    private static final ObjectMapper MAPPER = mapperOrExplain();

    /**
     * Makes the parsers of received bytes. A factory of its own, so that its table of names (which every parser it
     * makes starts from and adds to) can be replaced: a parse refused for a flood of names built to collide in the
     * table still leaves them there, and the table then refuses any new name that lands where they did, in every
     * later parse.
     */
    private static volatile JsonFactory received = MAPPER.getFactory().copy();

    /** The mapper; an older Jackson than the SDK needs is named in the error instead of a bare linkage error. */
    private static ObjectMapper mapperOrExplain() {
        try {
            return build();
        } catch (LinkageError e) {
            throw new IllegalStateException("The Nemo SDK needs Jackson 2.15 or newer; the class path has"
                    + " jackson-core " + com.fasterxml.jackson.core.json.PackageVersion.VERSION
                    + " and jackson-databind " + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
                    + ". Align all Jackson modules on one version of 2.15 or newer (for example by importing"
                    + " com.fasterxml.jackson:jackson-bom).", e);
        }
    }

    private static ObjectMapper build() {
        return JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(20_000_000)
                        .maxNumberLength(100)
                        .build())
                .build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a draft goes back to export as received: decimals keep every digit (no double rounding) and their
                // trailing zeros
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    private Json() {
    }

    /**
     * The shared mapper. Thread-safe; do not reconfigure.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A parser of JSON bytes received from the service. When it refuses the bytes with a
     * {@link StreamConstraintsException}, call {@link #refusedByLimit()}.
     *
     * @param b   the bytes
     * @param off where the JSON starts
     * @param len how many bytes it has
     * @return the parser; close it
     * @throws IOException when the parser cannot be made
     */
    public static JsonParser parser(byte[] b, int off, int len) throws IOException {
        return received.createParser(b, off, len);
    }

    /**
     * Gives the byte parsers a new, empty table of names; for when one refused a document with a limit. That may be
     * the table refusing a flood of names built to collide in it, which it keeps even so (whether the document is
     * also broken or not): left in place, it would refuse any new name landing where they did in every later parse.
     * A refusal for another limit costs an empty table, and refusals are rare.
     */
    public static void refusedByLimit() {
        received = MAPPER.getFactory().copy();
    }

    /**
     * Reads JSON bytes received from the service as {@link ObjectMapper#readTree(byte[], int, int)} does. Bytes that
     * a limit of the byte parser refuses are read from their text (which hashes names another way: a flood of names
     * that collide in the byte parser's table reads), after {@link #refusedByLimit()}.
     *
     * @param b   the bytes
     * @param off where the JSON starts
     * @param len how many bytes it has
     * @return the tree ({@code MissingNode} when there is none)
     * @throws IOException when the bytes are not JSON, break a limit or hold a number out of range
     */
    public static JsonNode read(byte[] b, int off, int len) throws IOException {
        try (JsonParser p = parser(b, off, len)) {
            JsonNode n = MAPPER.readTree(p);
            return n != null ? n : MissingNode.getInstance();
        } catch (StreamConstraintsException refused) {
            refusedByLimit();
            return readText(MAPPER.reader(), new String(b, off, len, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            throw numberOutOfRange(e);
        }
    }

    /**
     * Reads received JSON text with the reader.
     *
     * @param reader reads the text (refusing trailing tokens or not)
     * @param text   the text
     * @return the tree
     * @throws JsonProcessingException when the text is not JSON, breaks a limit or holds a number out of range
     */
    public static JsonNode readText(ObjectReader reader, String text) throws JsonProcessingException {
        try {
            return reader.readTree(text);
        } catch (NumberFormatException e) {
            throw numberOutOfRange(e);
        }
    }

    /**
     * The refusal of JSON that holds a number no decimal holds (an exponent out of {@code BigDecimal}'s range, or
     * with too many digits), which Jackson reports with an unchecked {@link NumberFormatException}: the SDK refuses
     * it as it refuses any JSON it cannot read.
     *
     * @param e what Jackson threw
     * @return the refusal to throw
     */
    public static JsonParseException numberOutOfRange(NumberFormatException e) {
        return new JsonParseException(null, "a number out of the range of a decimal", e);
    }

    /**
     * A new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Text of a field, or null when absent, null or not a scalar.
     *
     * @param node  an object node (or null)
     * @param field the field name
     * @return the text or null
     */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /**
     * Whole number of a field (number or numeric text), or null when absent or not a number.
     *
     * @param node  an object node (or null)
     * @param field the field name
     * @return the number or null
     */
    public static Long number(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return Math.round(v.asDouble());
        }
        if (v.isTextual()) {
            try {
                return Math.round(Double.parseDouble(v.asText().trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * A point in time from a JSON value: epoch seconds or milliseconds, or ISO-8601 text (with or without an offset).
     *
     * @param v the value, may be null
     * @return the instant, or null when absent, unreadable or out of {@code Instant}'s range
     */
    public static java.time.Instant instant(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            if (!v.canConvertToLong()) {
                return null;
            }
            long x = v.asLong();
            try {
                return x > 100_000_000_000L ? java.time.Instant.ofEpochMilli(x) : java.time.Instant.ofEpochSecond(x);
            } catch (java.time.DateTimeException beforeTheFirstInstant) {
                return null;
            }
        }
        String s = v.asText().trim();
        try {
            return java.time.Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * A URI from text.
     *
     * @param s the text, may be null
     * @return the URI, or null when absent or malformed
     */
    public static java.net.URI uri(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new java.net.URI(s);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
