package dev.logctx.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Kafka beans add their interceptor after the application's, once. */
class InterceptorClassesTest {
  private static final String KEY = "interceptor.classes";

  @Test
  void an_absent_or_blank_entry_gets_the_interceptor_alone() {
    Properties config = new Properties();
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    assertThat(config.get(KEY)).isEqualTo(RecordContextConsumerInterceptor.class.getName());

    config.put(KEY, " ");
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    assertThat(config.get(KEY)).isEqualTo(RecordContextConsumerInterceptor.class.getName());
  }

  @Test
  void the_applications_interceptors_stay_first_and_the_interceptor_is_added_once() {
    Properties config = new Properties();
    config.put(KEY, "com.example.Audit, com.example.Metrics");
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    assertThat(config.get(KEY))
        .isEqualTo(
            "com.example.Audit,com.example.Metrics," + RecordContextConsumerInterceptor.class.getName());
  }

  @Test
  void a_list_or_a_class_is_kept_and_extended() {
    Properties config = new Properties();
    config.put(KEY, List.of("com.example.Audit", String.class));
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    assertThat(config.get(KEY))
        .isEqualTo(
            "com.example.Audit,java.lang.String," + RecordContextConsumerInterceptor.class.getName());

    config.put(KEY, RecordContextConsumerInterceptor.class);
    InterceptorClasses.add(config, KEY, RecordContextConsumerInterceptor.class);
    assertThat(config.get(KEY)).isEqualTo(RecordContextConsumerInterceptor.class);
  }
}
