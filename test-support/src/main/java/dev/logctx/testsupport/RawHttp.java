package dev.logctx.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request as raw bytes over a socket, so that a header value can hold what an
 * HTTP client library refuses to send (CR, LF, raw UTF-8 bytes). The demos' tests send hostile
 * {@code X-Request-ID} values with it.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * A response.
   *
   * @param status the status code
   * @param headers the headers, names in lower case
   * @param body the body, read as ISO-8859-1
   */
  public record Answer(int status, Map<String, String> headers, String body) {}

  /**
   * POST /orders on {@code localhost:port} with a JSON {@code body} and the header line {@code
   * X-Request-ID: <rawRequestIdValue>}, the value's bytes sent as they are.
   *
   * @param port the server's port
   * @param rawRequestIdValue the bytes after {@code "X-Request-ID: "}, up to the line's CR LF
   * @param body the JSON body
   * @return the server's answer
   * @throws IOException if the connection fails
   */
  public static Answer postOrder(int port, byte[] rawRequestIdValue, String body)
      throws IOException {
    ByteArrayOutputStream headerLines = new ByteArrayOutputStream();
    headerLines.writeBytes("X-Request-ID: ".getBytes(StandardCharsets.US_ASCII));
    headerLines.writeBytes(rawRequestIdValue);
    headerLines.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return send(port, headerLines.toByteArray(), body);
  }

  /**
   * POST /orders on {@code localhost:port} with a JSON {@code body} and the given header lines
   * (several lines of one header, or a header name in other letter case), sent as they are.
   *
   * @param port the server's port
   * @param headerLines complete header lines, each ending with CR LF
   * @param body the JSON body
   * @return the server's answer
   * @throws IOException if the connection fails
   */
  public static Answer postOrderWithHeaderLines(int port, String headerLines, String body)
      throws IOException {
    return send(port, headerLines.getBytes(StandardCharsets.US_ASCII), body);
  }

  private static Answer send(int port, byte[] headerLines, String body)
      throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST /orders HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(headerLines);
    request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(content);

    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toByteArray());
      out.flush();
      InputStream in = socket.getInputStream();
      return parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }
  }

  private static Answer parse(String response) {
    int end = response.indexOf("\r\n\r\n");
    String head = end < 0 ? response : response.substring(0, end);
    String body = end < 0 ? "" : response.substring(end + 4);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Answer(status, headers, body);
  }
}
