package dev.logctx.demo.jakartaee;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/** The base URI of this application for calls to itself, built from the socket, never from headers. */
final class SelfUri {
  private SelfUri() {}

  /** {@code http://127.0.0.1:<port the request came in on>/}. */
  static URI of(HttpServletRequest request) {
    return URI.create("http://127.0.0.1:" + request.getLocalPort() + "/");
  }
}
