package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restore fallback: an MDC adapter that fails while restoring never throws out of close. */
class AttachmentTest {

  /** An in-memory MDC whose {@code replace} can be made to fail. */
  private static final class FlakyMdc extends MdcAccess {
    Map<String, String> map = new HashMap<>();
    boolean failReplace;
    int clears;

    @Override
    Map<String, String> capture() {
      return Map.copyOf(map);
    }

    @Override
    void replace(Map<String, String> entries) {
      if (failReplace) {
        throw new IllegalStateException("adapter broken");
      }
      map = new HashMap<>(entries);
    }

    @Override
    void clear() {
      clears++;
      map = new HashMap<>();
    }

    @Override
    boolean holds(Map<String, String> saved) {
      return map.equals(saved);
    }
  }

  @Test
  void a_restore_that_fails_clears_the_thread_instead_of_throwing_or_leaving_the_task_context() {
    FlakyMdc mdc = new FlakyMdc();
    mdc.map.put("request_id", "caller");
    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    assertThat(mdc.map).isEqualTo(Map.of("request_id", "task"));

    mdc.failReplace = true;
    scope.close();

    assertThat(mdc.map).as("the task's context must not stay behind").isEmpty();
    assertThat(mdc.clears).isEqualTo(1);
  }

  @Test
  void a_restore_that_succeeds_puts_back_exactly_the_previous_map() {
    FlakyMdc mdc = new FlakyMdc();
    mdc.map.put("request_id", "caller");
    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    scope.close();
    assertThat(mdc.map).isEqualTo(Map.of("request_id", "caller"));
    assertThat(mdc.clears).isZero();
  }
}
