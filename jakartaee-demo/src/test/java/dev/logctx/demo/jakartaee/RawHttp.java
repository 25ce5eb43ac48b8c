package dev.logctx.demo.jakartaee;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request byte for byte, header lines as given: {@code java.net.http} refuses the hostile
 * headers (CR, LF) that a client on the network may send all the same.
 */
final class RawHttp {
  private RawHttp() {}

  /** The status line and headers of the answer, as text. */
  static String post(URI server, String path, String rawHeaderLines, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + server.getPort()
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + payload.length
            + "\r\n"
            + "Connection: close\r\n"
            + rawHeaderLines
            + "\r\n";
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? text : text.substring(0, end);
    }
  }
}
