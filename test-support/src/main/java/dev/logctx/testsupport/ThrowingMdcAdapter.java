package dev.logctx.testsupport;

import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * An MDC adapter that behaves as the backend's own, except that the operations named with {@link
 * #failWith} throw when logctx's MDC access calls them: an adapter that breaks under logctx, while
 * the test's own {@code MDC} calls and the backend's log lines keep working. Installed by {@link
 * ThrowingMdcServiceProvider}.
 */
public final class ThrowingMdcAdapter implements MDCAdapter {

  /** The adapter operations logctx uses, each of which can be made to fail. */
  public enum Operation {
    /** {@code getCopyOfContextMap}: capture, and the save before an attach. */
    READ,
    /** {@code setContextMap}: attach, and the restore of a non-empty map. */
    WRITE,
    /** {@code clear}: attach of the empty context, and the restore of an empty map. */
    CLEAR,
    /** {@code get} of one key: the request-id writer's reads. */
    KEY_READ,
    /** {@code put} and {@code remove} of one key: the request-id writer's writes. */
    KEY_WRITE
  }

  private static final StackWalker WALKER = StackWalker.getInstance();
  private static volatile @Nullable Throwable failure;
  private static volatile Set<Operation> failing = EnumSet.noneOf(Operation.class);

  private final MDCAdapter backend;

  ThrowingMdcAdapter(MDCAdapter backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * From now on, the given operations throw {@code failure} when logctx calls them.
   *
   * @param failure a {@link RuntimeException} or an {@link Error}, thrown as it is
   * @param operations the operations that fail
   */
  public static void failWith(Throwable failure, Operation... operations) {
    if (!(failure instanceof RuntimeException) && !(failure instanceof Error)) {
      throw new IllegalArgumentException("unchecked only: " + failure);
    }
    EnumSet<Operation> set = EnumSet.noneOf(Operation.class);
    set.addAll(Arrays.asList(operations));
    failing = set;
    ThrowingMdcAdapter.failure = failure;
  }

  /** Every operation works again. */
  public static void heal() {
    failure = null;
    failing = EnumSet.noneOf(Operation.class);
  }

  /**
   * Whether SLF4J uses this adapter in this JVM.
   *
   * @return true when {@code -Dslf4j.provider} chose {@link ThrowingMdcServiceProvider}
   */
  public static boolean installed() {
    return MDC.getMDCAdapter() instanceof ThrowingMdcAdapter;
  }

  private static void failIfCalledByLogctx(Operation operation) {
    Throwable thrown = failure;
    if (thrown == null || !failing.contains(operation)) {
      return;
    }
    // frame 0: this method, 1: the adapter method, 2: its caller
    boolean byLogctx =
        WALKER.walk(
            frames ->
                frames
                    .skip(2)
                    .findFirst()
                    .map(frame -> frame.getClassName().startsWith("dev.logctx.MdcAccess"))
                    .orElse(false));
    if (!byLogctx) {
      return;
    }
    if (thrown instanceof RuntimeException) {
      throw (RuntimeException) thrown;
    }
    throw (Error) thrown;
  }

  @Override
  public @Nullable Map<String, String> getCopyOfContextMap() {
    failIfCalledByLogctx(Operation.READ);
    return backend.getCopyOfContextMap();
  }

  @Override
  public void setContextMap(Map<String, String> contextMap) {
    failIfCalledByLogctx(Operation.WRITE);
    backend.setContextMap(contextMap);
  }

  @Override
  public void clear() {
    failIfCalledByLogctx(Operation.CLEAR);
    backend.clear();
  }

  @Override
  public void put(String key, @Nullable String val) {
    failIfCalledByLogctx(Operation.KEY_WRITE);
    backend.put(key, val);
  }

  @Override
  public @Nullable String get(String key) {
    failIfCalledByLogctx(Operation.KEY_READ);
    return backend.get(key);
  }

  @Override
  public void remove(String key) {
    failIfCalledByLogctx(Operation.KEY_WRITE);
    backend.remove(key);
  }

  @Override
  public void pushByKey(String key, String value) {
    backend.pushByKey(key, value);
  }

  @Override
  public @Nullable String popByKey(String key) {
    return backend.popByKey(key);
  }

  @Override
  public @Nullable Deque<String> getCopyOfDequeByKey(String key) {
    return backend.getCopyOfDequeByKey(key);
  }

  @Override
  public void clearDequeByKey(String key) {
    backend.clearDequeByKey(key);
  }
}
