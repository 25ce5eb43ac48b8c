package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An MDC adapter that fails while saving, writing or restoring never throws out of attach or close
 * (rule 7), whatever it throws but a {@link VirtualMachineError}, and leaves no task context behind.
 */
class AttachmentTest {

  /** An in-memory MDC whose operations can be made to fail. */
  private static final class FlakyMdc extends MdcAccess {
    Map<String, String> map = new HashMap<>();
    @Nullable Throwable failure;
    boolean failCapture;
    boolean failReplace;
    boolean failClear;
    int clears;

    private void failIf(boolean failing) {
      Throwable thrown = failure;
      if (!failing || thrown == null) {
        return;
      }
      if (thrown instanceof RuntimeException) {
        throw (RuntimeException) thrown;
      }
      throw (Error) thrown;
    }

    @Override
    Map<String, String> capture() {
      failIf(failCapture);
      return Map.copyOf(map);
    }

    @Override
    void replace(Map<String, String> entries) {
      failIf(failReplace);
      map = new HashMap<>(entries);
    }

    @Override
    void clear() {
      failIf(failClear);
      clears++;
      map = new HashMap<>();
    }

    @Override
    boolean holds(Map<String, String> saved) {
      return map.equals(saved);
    }
  }

  private static FlakyMdc callerMdc() {
    FlakyMdc mdc = new FlakyMdc();
    mdc.map.put("request_id", "caller");
    return mdc;
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void a_restore_that_fails_clears_the_thread_instead_of_throwing_or_leaving_the_task_context(
      Throwable failure) {
    FlakyMdc mdc = callerMdc();
    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    assertThat(mdc.map).isEqualTo(Map.of("request_id", "task"));

    mdc.failure = failure;
    mdc.failReplace = true;
    scope.close();

    assertThat(mdc.map).as("the task's context must not stay behind").isEmpty();
    assertThat(mdc.clears).isEqualTo(1);
  }

  @Test
  void a_restore_that_succeeds_puts_back_exactly_the_previous_map() {
    FlakyMdc mdc = callerMdc();
    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    scope.close();
    assertThat(mdc.map).isEqualTo(Map.of("request_id", "caller"));
    assertThat(mdc.clears).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void a_save_that_fails_still_attaches_the_task_context_and_the_restore_clears(
      Throwable failure) {
    FlakyMdc mdc = callerMdc();
    mdc.failure = failure;
    mdc.failCapture = true;

    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    assertThat(mdc.map).as("the task runs in its own context").isEqualTo(Map.of("request_id", "task"));
    scope.close();

    assertThat(mdc.map)
        .as("what was there before is unknown: cleared, never a guess, never the task's")
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void an_attach_whose_write_fails_runs_with_the_thread_cleared_and_the_restore_still_restores(
      Throwable failure) {
    FlakyMdc mdc = callerMdc();
    mdc.failure = failure;
    mdc.failReplace = true;

    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    assertThat(mdc.map).as("not the caller's context: the thread was cleared").isEmpty();
    mdc.failReplace = false; // the adapter recovered
    scope.close();

    assertThat(mdc.map).isEqualTo(Map.of("request_id", "caller"));
  }

  @ParameterizedTest
  @MethodSource("dev.logctx.testsupport.AdapterFailures#kinds")
  void an_attach_and_a_restore_that_cannot_even_clear_do_not_throw(Throwable failure) {
    FlakyMdc mdc = callerMdc();
    mdc.failure = failure;
    mdc.failCapture = true;
    mdc.failReplace = true;
    mdc.failClear = true;

    Attachment scope = Attachment.open(mdc, Map.of("request_id", "task"));
    scope.close();

    assertThat(mdc.map).isEqualTo(Map.of("request_id", "caller"));
  }

  @Test
  void a_virtual_machine_error_is_not_swallowed() {
    FlakyMdc mdc = callerMdc();
    mdc.failure = new StackOverflowError();
    mdc.failCapture = true;

    assertThatThrownBy(() -> Attachment.open(mdc, Map.of("request_id", "task")))
        .isInstanceOf(StackOverflowError.class);
  }
}
