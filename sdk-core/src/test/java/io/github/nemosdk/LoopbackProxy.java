package io.github.nemosdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A forwarding HTTP proxy on the loopback interface, for plain {@code http://} targets: reads a request in absolute
 * form ({@code GET http://host:port/path HTTP/1.1}), optionally demands Basic proxy credentials (407), forwards it
 * with {@code Connection: close} and relays the answer byte for byte. Records what it forwarded.
 */
final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String credentials;
    private final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    private final List<String> proxyAuthorizations = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts a proxy.
     *
     * @param credentials the {@code Proxy-Authorization} value it wants (e.g. {@code Basic dTpw}), or null for none
     */
    LoopbackProxy(String credentials) throws IOException {
        this.credentials = credentials;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptAll, "loopback-proxy");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /**
     * The request lines forwarded, e.g. {@code GET http://127.0.0.1:1234/api/credits HTTP/1.1}.
     *
     * @return the request lines forwarded, e.g. {@code GET http://127.0.0.1:1234/api/credits HTTP/1.1}
     */
    List<String> forwarded() {
        return new ArrayList<>(forwarded);
    }

    /**
     * Every {@code Proxy-Authorization} header received.
     *
     * @return every {@code Proxy-Authorization} header received
     */
    List<String> proxyAuthorizations() {
        return new ArrayList<>(proxyAuthorizations);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "loopback-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket c = client; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
            while (true) {
                List<String> head = readHead(in);
                if (head.isEmpty()) {
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                long length = 0;
                String auth = null;
                List<String> headers = new ArrayList<>();
                for (String h : head.subList(1, head.size())) {
                    String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    String value = h.substring(h.indexOf(':') + 1).trim();
                    if (name.equals("content-length")) {
                        length = Long.parseLong(value);
                    }
                    if (name.equals("proxy-authorization")) {
                        auth = value;
                        proxyAuthorizations.add(value);
                        continue;
                    }
                    if (!name.equals("connection") && !name.startsWith("proxy-")) {
                        headers.add(h);
                    }
                }
                byte[] body = in.readNBytes((int) length);
                if (credentials != null && !credentials.equals(auth)) {
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"nemo\""
                            + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                forwarded.add(head.get(0));
                URI target = URI.create(requestLine[1]);
                try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                    StringBuilder sb = new StringBuilder(requestLine[0]).append(' ').append(target.getRawPath())
                            .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                            .append(" HTTP/1.1\r\n");
                    for (String h : headers) {
                        sb.append(h).append("\r\n");
                    }
                    sb.append("Connection: close\r\n\r\n");
                    OutputStream up = upstream.getOutputStream();
                    up.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
                    up.write(body);
                    up.flush();
                    upstream.getInputStream().transferTo(out); // the answer says Connection: close
                    out.flush();
                }
                return;
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
                line.reset();
                if (s.isEmpty()) {
                    return lines;
                }
                lines.add(s);
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
