package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.LogContext;
import dev.logctx.Scope;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdClientFilterTest {
  private final RequestIdClientFilter filter = new RequestIdClientFilter();
  private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

  @AfterEach
  void mdc_should_be_empty() {
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void should_forward_the_current_request_id() {
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      filter.filter(FakeContexts.clientRequest(headers));
    }
    assertThat(headers.getFirst("X-Request-ID")).isEqualTo("req-123");
  }

  @Test
  void should_send_nothing_without_a_request_id() {
    filter.filter(FakeContexts.clientRequest(headers));
    assertThat(headers).isEmpty();
  }

  @Test
  void should_not_forward_an_id_that_the_server_filter_would_refuse() {
    try (Scope scope = LogContext.bind("request_id", "abc\r\nInjected: yes")) {
      filter.filter(FakeContexts.clientRequest(headers));
    }
    assertThat(headers).isEmpty();
  }

  @Test
  void should_keep_a_header_the_caller_set() {
    headers.putSingle("X-Request-ID", "explicit");
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      filter.filter(FakeContexts.clientRequest(headers));
    }
    assertThat(headers.get("X-Request-ID")).containsExactly("explicit");
  }

  @Test
  void should_use_the_header_given_to_the_constructor() {
    try (Scope scope = LogContext.bind("request_id", "req-123")) {
      new RequestIdClientFilter("X-Correlation-ID").filter(FakeContexts.clientRequest(headers));
    }
    assertThat(headers.getFirst("X-Correlation-ID")).isEqualTo("req-123");
    assertThat(headers).doesNotContainKey("X-Request-ID");
  }
}
