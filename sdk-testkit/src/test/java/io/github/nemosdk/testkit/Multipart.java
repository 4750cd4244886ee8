package io.github.nemosdk.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code multipart/form-data} bodies by hand, byte for byte, and sends byte requests. */
final class Multipart {

    private final String boundary;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** Raw bytes, for preambles and deliberately odd bodies. */
    Multipart raw(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A file part named {@code name}. */
    Multipart file(String name, String fileName, String contentType, byte[] content) {
        raw("--" + boundary + "\r\n");
        raw("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n");
        raw("Content-Type: " + contentType + "\r\n\r\n");
        write(content);
        raw("\r\n");
        return this;
    }

    /** A plain form field. */
    Multipart field(String name, String value) {
        raw("--" + boundary + "\r\n");
        raw("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        raw(value + "\r\n");
        return this;
    }

    /** The body with its closing boundary. */
    byte[] build() {
        raw("--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    /** The body so far, without a closing boundary. */
    byte[] unterminated() {
        return body.toByteArray();
    }

    private void write(byte[] bytes) {
        body.write(bytes, 0, bytes.length);
    }

    // ---------------------------------------------------------------- requests

    static HttpResponse<String> post(URI uri, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(URI uri, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return Http.CLIENT.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pseudo-random bytes that also contain CR, LF and dashes, to stress the boundary search. */
    static byte[] binary(int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        List<Integer> spots = new ArrayList<>();
        for (int i = 0; i + 4 < size; i += 997) {
            spots.add(i);
        }
        for (int i : spots) {
            bytes[i] = '\r';
            bytes[i + 1] = '\n';
            bytes[i + 2] = '-';
            bytes[i + 3] = '-';
        }
        return bytes;
    }
}
