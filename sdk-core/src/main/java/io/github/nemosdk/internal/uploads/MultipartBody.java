package io.github.nemosdk.internal.uploads;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} body streamed from its sources: the framing is a few bytes in memory, the content
 * is read while it is sent, and the exact length is known up front (a real {@code Content-Length}). A body built
 * from files can be sent again (each sending reopens them); one built from a stream only once.
 */
public final class MultipartBody {
    /** One part's content. */
    public interface Source {
        /**
         * Opens the content.
         *
         * @return a stream of exactly the part's length
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final List<byte[]> framing = new ArrayList<>();
    private final List<Source> sources = new ArrayList<>();
    private long length;

    /** Creates an empty body with a random boundary. */
    public MultipartBody() {
        StringBuilder sb = new StringBuilder("nemo-");
        for (int i = 0; i < 24; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        this.boundary = sb.toString();
    }

    /**
     * Adds a file part.
     *
     * @param name        the form field name
     * @param filename    the file name sent
     * @param contentType the part's content type
     * @param size        the content length
     * @param source      opens the content
     * @return this body
     */
    public MultipartBody part(String name, String filename, String contentType, long size, Source source) {
        String head = (framing.isEmpty() ? "" : "\r\n") + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + quote(name) + "\"; filename=\"" + quote(filename)
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.UTF_8);
        framing.add(bytes);
        sources.add(source);
        length += bytes.length + size;
        return this;
    }

    /**
     * Adds a part for a file on disk.
     *
     * @param name        the form field name
     * @param file        the file
     * @param contentType the part's content type
     * @param size        the file's size
     * @return this body
     */
    public MultipartBody file(String name, Path file, String contentType, long size) {
        return part(name, file.getFileName().toString(), contentType, size, () -> open(file));
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    private byte[] tail() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code Content-Type} header value.
     *
     * @return {@code multipart/form-data; boundary=…}
     */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /**
     * The exact body length.
     *
     * @return bytes
     */
    public long length() {
        return length + tail().length;
    }

    /**
     * Opens a file part. A file of the default file system is read through {@link java.io.FileInputStream}, as the
     * JDK's own {@code BodyPublishers.ofFile} does on JDK 17: it reads straight into the upload's buffers, where a
     * channel stream goes through a temporary direct buffer.
     */
    private static InputStream open(Path file) throws IOException {
        if (file.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            return new java.io.FileInputStream(file.toFile());
        }
        return Files.newInputStream(file);
    }

    /**
     * A publisher that streams the body with a fixed length, reporting progress.
     *
     * @param progress told the bytes sent so far and the total, or null
     * @return the body publisher; each subscription reopens the sources
     */
    public Supplier<HttpRequest.BodyPublisher> publisher(ProgressInputStream.Listener progress) {
        long total = length();
        return () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ProgressInputStream(new java.io.SequenceInputStream(parts()), total, progress)), total);
    }

    private Enumeration<InputStream> parts() {
        return new Enumeration<>() {
            private int index;

            @Override
            public boolean hasMoreElements() {
                return index <= sources.size() * 2;
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                int i = index++;
                if (i == sources.size() * 2) {
                    return new ByteArrayInputStream(tail());
                }
                if (i % 2 == 0) {
                    return new ByteArrayInputStream(framing.get(i / 2));
                }
                try {
                    return sources.get(i / 2).open();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read an upload's content", e);
                }
            }
        };
    }
}
