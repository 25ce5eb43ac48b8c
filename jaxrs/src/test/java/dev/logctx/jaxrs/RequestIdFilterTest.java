package dev.logctx.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logctx.testsupport.CapturedLog;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RequestIdFilterTest {
  private static final Logger log = LoggerFactory.getLogger(RequestIdFilterTest.class);

  private final RequestIdFilter filter = new RequestIdFilter();

  @AfterEach
  void mdc_should_be_empty() {
    System.clearProperty(RequestIds.HEADER_PROPERTY);
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void should_bind_a_valid_id_for_the_request_and_echo_it() {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-123");
    ContainerResponseContext response = FakeContexts.response();

    filter.filter(request);
    assertThat(MDC.get("request_id")).isEqualTo("req-123");
    assertThat(request.getProperty(RequestIdFilter.REQUEST_ID_PROPERTY)).isEqualTo("req-123");

    filter.filter(request, response);
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo("req-123");
    assertThat(MDC.get("request_id")).isNull();
  }

  @Test
  void should_generate_an_id_when_the_header_is_absent() {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", null);
    ContainerResponseContext response = FakeContexts.response();

    filter.filter(request);
    String bound = MDC.get("request_id");
    assertThat(RequestIds.isValid(bound)).isTrue();

    filter.filter(request, response);
    assertThat(response.getHeaderString("X-Request-ID")).isEqualTo(bound);
  }

  static Stream<Arguments> refusedValues() {
    return Stream.of(
        Arguments.of("too long", "r".repeat(200)),
        Arguments.of("CR/LF", "abc\r\nfake-log-line"),
        Arguments.of("non-ASCII", "é"),
        Arguments.of("empty", ""),
        Arguments.of("pattern conversion", "%n"),
        Arguments.of("lookup", "${jndi:x}"),
        Arguments.of("space", "a b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedValues")
  void should_replace_a_refused_value_and_never_log_it(String kind, String refused) {
    try (CapturedLog logs = CapturedLog.ofRootLogger().atDebug().install()) {
      ContainerRequestContext request = FakeContexts.request("X-Request-ID", refused);
      ContainerResponseContext response = FakeContexts.response();

      filter.filter(request);
      String bound = MDC.get("request_id");
      log.info("handled");
      filter.filter(request, response);

      assertThat(bound).isNotEqualTo(refused);
      assertThat(RequestIds.isValid(bound)).isTrue();
      assertThat(response.getHeaderString("X-Request-ID")).isEqualTo(bound);
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line.message()).startsWith("Refused the X-Request-ID"))
          .allSatisfy(
              line -> {
                assertThat(line.mdc()).containsEntry("request_id", bound);
                if (!refused.isEmpty()) {
                  assertThat(line.message()).doesNotContain(refused);
                }
                assertThat(line.mdc().values()).doesNotContain(refused);
              });
    }
  }

  @Test
  void should_refuse_a_header_sent_twice() {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    headers.add("X-Request-ID", "one");
    headers.add("X-Request-ID", "two");
    ContainerRequestContext request = FakeContexts.request(headers);
    ContainerResponseContext response = FakeContexts.response();

    filter.filter(request);
    String bound = MDC.get("request_id");
    filter.filter(request, response);

    assertThat(bound).isNotIn("one", "two", "one,two");
  }

  @Test
  void should_bind_once_when_registered_twice() {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-1");
    filter.filter(request);
    new RequestIdFilter().filter(request);
    filter.filter(request, FakeContexts.response());
    new RequestIdFilter().filter(request, FakeContexts.response());

    assertThat(MDC.get("request_id")).isNull();
  }

  @Test
  void response_filter_alone_should_do_nothing() {
    ContainerRequestContext request = FakeContexts.request("X-Request-ID", "req-1");
    ContainerResponseContext response = FakeContexts.response();

    filter.filter(request, response);

    assertThat(response.getHeaders()).isEmpty();
  }

  @Test
  void should_use_the_header_given_to_the_constructor() {
    RequestIdFilter correlation = new RequestIdFilter("X-Correlation-ID");
    ContainerRequestContext request = FakeContexts.request("X-Correlation-ID", "corr-9");
    ContainerResponseContext response = FakeContexts.response();

    correlation.filter(request);
    assertThat(MDC.get("request_id")).isEqualTo("corr-9");
    correlation.filter(request, response);

    assertThat(correlation.headerName()).isEqualTo("X-Correlation-ID");
    assertThat(response.getHeaderString("X-Correlation-ID")).isEqualTo("corr-9");
    assertThat(response.getHeaders()).doesNotContainKey("X-Request-ID");
  }

  @Test
  void should_use_the_header_named_by_the_system_property() {
    System.setProperty(RequestIds.HEADER_PROPERTY, "X-Trace-Ref");
    RequestIdFilter configured = new RequestIdFilter();
    ContainerRequestContext request = FakeContexts.request("X-Trace-Ref", "t-1");

    configured.filter(request);
    assertThat(MDC.get("request_id")).isEqualTo("t-1");
    configured.filter(request, FakeContexts.response());

    assertThat(configured.headerName()).isEqualTo("X-Trace-Ref");
  }

  @Test
  void should_refuse_a_bad_header_name() {
    assertThatThrownBy(() -> new RequestIdFilter("X Request"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestIdFilter(null)).isInstanceOf(NullPointerException.class);
  }
}
