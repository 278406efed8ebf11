package io.tollgate.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand over a socket, for requests {@code HttpClient} refuses to send (bad header
 * bytes, two Content-Length headers, TRACE) and for reading every response header as sent.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final URI base;
    private final String localAddress;

    /** @param base the application's URL; relative paths are resolved against its path */
    public RawHttp(URI base) {
        this(base, null);
    }

    private RawHttp(URI base, String localAddress) {
        this.base = base;
        this.localAddress = localAddress;
    }

    /**
     * The same server reached over IPv4 loopback from {@code localAddress} (say {@code 127.0.0.2}):
     * HttpClient cannot choose its source address, and the login throttle counts per address.
     */
    public RawHttp from(String localAddress) {
        return new RawHttp(base, localAddress);
    }

    /** The request target of {@code path}: as is if it starts with '/', else below the application's path. */
    public String target(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String root = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        return (root.endsWith("/") ? root : root + "/") + path;
    }

    /** A request with {@code Host} and {@code Connection: close}, the given header lines and body. */
    public Response send(String method, String path, String body, String... headerLines) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target(path)).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(content);
        return exchange(request.toByteArray());
    }

    /** Exactly these bytes; the response read until the server closes the connection. */
    public Response exchange(byte[] request) {
        try (Socket socket = connect()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Socket connect() throws IOException {
        if (localAddress == null) {
            return new Socket(base.getHost(), base.getPort());
        }
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 10_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException closedByPeer) {
            // a server that refuses a request may reset the connection after its answer
        }
        return all.toByteArray();
    }

    /** Status, headers (names in lower case), body (de-chunked). */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("no HTTP response: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
                body = dechunk(body);
            }
            return new Response(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int eol = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, eol + 2, eol + 2 + size);
                at = eol + 2 + size + 2;
            }
        }

        /** The single value of a header, or null; fails if it was sent more than once. */
        public String header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            if (values.size() > 1) {
                throw new AssertionError(name + " sent " + values.size() + " times: " + values);
            }
            return values.isEmpty() ? null : values.get(0);
        }

        public JsonObject object() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
