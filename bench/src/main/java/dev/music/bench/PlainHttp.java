package dev.music.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket: the load tool's client where the load
 * generator shares the machine with the service. {@code java.net.http}'s client spent 0.65 ms of
 * CPU per rating, a quarter of the two cores the service and the database were measured on; this
 * one writes the request in one buffer and reads the answer without copies it does not need.
 * Plain HTTP only, as the benchmarks speak to a service on the same host.
 */
final class PlainHttp implements AutoCloseable {

    private final InetSocketAddress address;
    private final String host;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttp(String base, Duration timeout) {
        URI uri = URI.create(base);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.address = new InetSocketAddress(uri.getHost(), port);
        this.host = uri.getHost() + ":" + port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** An answer: its status, its headers by lower-case name, its body as text. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends the request and reads its answer. A connection the server closed while it was idle
     * (a keep-alive limit) is opened again and the request sent once more; a request that got no
     * answer within the timeout throws {@link java.net.SocketTimeoutException}.
     */
    Answer send(String method, String path, String headers, String body) throws IOException {
        byte[] request = request(method, path, headers, body);
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (EOFException | java.net.SocketException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(request);
        }
    }

    private byte[] request(String method, String path, String headers, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n")
                .append(headers);
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + content.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(content, 0, request, start.length, content.length);
        return request;
    }

    private Answer exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        String body = new String(body(headers), StandardCharsets.UTF_8);
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            close();
        }
        return new Answer(status, headers, body);
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return readExactly(Integer.parseInt(length));
        }
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                size > 0;
                size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(readExactly(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailers
        }
        return body.toByteArray();
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the answer ended early");
        }
        return bytes;
    }

    /** A line of the head, without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
