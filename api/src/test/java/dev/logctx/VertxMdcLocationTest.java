package dev.logctx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logctx.internal.VertxMdcLocation;
import dev.logctx.testsupport.CapturedLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the MDC lives under Vert.x: the Quarkus 3.33 layout (a local of the duplicated context
 * under the class name of Quarkus' MDC provider), the layout of newer Quarkus (a Vert.x {@code
 * ContextLocal} in {@code VertxMDC.MDC_LOCAL}), and a Quarkus that keeps it in neither, which is
 * said once at WARN. The contexts are real Vert.x ones; Quarkus' provider is simulated by the
 * public nested classes below, given to the look-up in its place.
 */
public class VertxMdcLocationTest {
  private static final String LOGGER = VertxMdcLocation.class.getName();

  @RegisterExtension final CapturedLog logs = CapturedLog.ofRootLogger();

  private Vertx vertx;
  private ContextInternal root;
  private final ExecutorService pooled = Executors.newSingleThreadExecutor();

  /** Quarkus 3.33: its map is created on first use under its class name in the context's locals. */
  public enum QuarkusWithLocalKey {
    /** As Quarkus' enum singleton. */
    INSTANCE;

    /**
     * Creates the map where Quarkus 3.33 does, as its {@code contextualDataMap} does.
     *
     * @param context the Vert.x context
     * @return whether the map is empty
     */
    public boolean isEmpty(Context context) {
      return mapUnder(context, VertxMdcLocation.QUARKUS_MDC_KEY).isEmpty();
    }
  }

  /** Newer Quarkus: the map in a Vert.x {@code ContextLocal}. */
  public static final class QuarkusWithContextLocal {
    /** Registered before any Vert.x instance of this JVM is made, as Quarkus' is. */
    public static final ContextLocal<Object> MDC_LOCAL = ContextLocal.registerLocal(Object.class);

    private QuarkusWithContextLocal() {}
  }

  /** A Quarkus whose provider keeps its map under another key: neither place. */
  public enum QuarkusKeepingItElsewhere {
    /** As Quarkus' enum singleton. */
    INSTANCE;

    /**
     * Creates the map somewhere logctx does not look.
     *
     * @param context the Vert.x context
     * @return whether the map is empty
     */
    public boolean isEmpty(Context context) {
      return mapUnder(context, "somewhere.else").isEmpty();
    }
  }

  /** A Quarkus whose {@code MDC_LOCAL} is not a Vert.x {@code ContextLocal}: neither place. */
  public static final class QuarkusWithAnotherMdcLocal {
    /** Not a {@code ContextLocal}. */
    public static final Object MDC_LOCAL = "not a ContextLocal";

    private QuarkusWithAnotherMdcLocal() {}
  }

  static {
    // ContextLocals are registered before Vert.x instances are made; reading the field now does it.
    assertThat(QuarkusWithContextLocal.MDC_LOCAL).isNotNull();
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    root = (ContextInternal) vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    pooled.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void quarkus_3_33_keeps_the_map_under_its_class_name_in_the_duplicated_contexts_locals() {
    VertxMdcLocation location = find(QuarkusWithLocalKey.class);
    ContextInternal request = root.duplicate();
    Map<String, Object> requestMdc = mapUnder(request, VertxMdcLocation.QUARKUS_MDC_KEY);
    ContextInternal empty = root.duplicate();

    assertThat(on(empty, location::currentMdcMap))
        .as("first look: Quarkus is asked to make its map, and it is where logctx looks")
        .isSameAs(((Context) empty).getLocal(VertxMdcLocation.QUARKUS_MDC_KEY))
        .isNotNull()
        .isNotSameAs(requestMdc);
    assertThat(on(request, location::currentMdcMap)).isSameAs(requestMdc);
    location.dropMdc(request);
    assertThat(((Context) request).<Object>getLocal(VertxMdcLocation.QUARKUS_MDC_KEY)).isNull();
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
    assertThat(location)
        .hasToString("VertxMdcLocation{local " + VertxMdcLocation.QUARKUS_MDC_KEY + "}");
  }

  @Test
  void newer_quarkus_keeps_the_map_in_the_context_local_mdc_local() {
    VertxMdcLocation location = find(QuarkusWithContextLocal.class);
    ContextInternal request = root.duplicate();
    Map<String, Object> requestMdc = new ConcurrentHashMap<>();
    QuarkusWithContextLocal.MDC_LOCAL.put(request, requestMdc);
    ((Context) request).putLocal(VertxMdcLocation.QUARKUS_MDC_KEY, new ConcurrentHashMap<>());

    assertThat(on(request, location::currentMdcMap))
        .as("the ContextLocal's map, not the one under the old key")
        .isSameAs(requestMdc);
    location.dropMdc(request);
    assertThat(QuarkusWithContextLocal.MDC_LOCAL.get(request)).isNull();
    assertThat(on(request, location::currentMdcMap)).isNull();
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
    assertThat(location).hasToString("VertxMdcLocation{ContextLocal MDC_LOCAL}");
  }

  @Test
  void a_quarkus_that_keeps_the_map_elsewhere_is_reported_once_and_the_mdc_counts_as_the_threads() {
    VertxMdcLocation location = find(QuarkusKeepingItElsewhere.class);
    ContextInternal first = root.duplicate();
    ContextInternal second = root.duplicate();

    assertThat(on(first, location::currentMdcMap)).isNull();
    assertThat(on(second, location::currentMdcMap)).isNull();
    assertThat(on(first, location::currentContext))
        .as("the context is still known")
        .isSameAs(first);

    assertNeitherReportedOnce(QuarkusKeepingItElsewhere.class, "somewhere.else is not looked at");
    assertThat(location).hasToString("VertxMdcLocation{neither}");
  }

  @Test
  void a_quarkus_whose_mdc_local_is_not_a_context_local_is_reported_once_when_looked_up() {
    VertxMdcLocation location = find(QuarkusWithAnotherMdcLocal.class);
    ContextInternal request = root.duplicate();
    mapUnder(request, VertxMdcLocation.QUARKUS_MDC_KEY);

    assertThat(on(request, location::currentMdcMap)).isNull();
    assertNeitherReportedOnce(QuarkusWithAnotherMdcLocal.class, "not a ContextLocal");
  }

  @Test
  void plain_vertx_without_quarkus_reads_the_key_and_says_nothing() {
    VertxMdcLocation location = find("no.such.QuarkusVertxMdc");
    ContextInternal context = root.duplicate();

    assertThat(on(context, location::currentMdcMap)).isNull();
    assertThat(on(context, location::currentContext)).isSameAs(context);
    assertThat(location.currentContext()).as("off a Vert.x thread").isNull();
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  @Test
  void without_vertx_there_is_no_context_and_nothing_is_said() {
    ClassLoader withoutVertx =
        new ClassLoader(VertxMdcLocationTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.vertx.")) {
              throw new ClassNotFoundException(name + " is hidden");
            }
            return super.loadClass(name, resolve);
          }
        };
    VertxMdcLocation location =
        VertxMdcLocation.find(withoutVertx, VertxMdcLocation.QUARKUS_VERTX_MDC);
    ContextInternal context = root.duplicate();

    assertThat(on(context, location::currentContext)).isNull();
    assertThat(on(context, location::currentMdcMap)).isNull();
    location.dropMdc(context);
    assertThat(location).hasToString("VertxMdcLocation{no Vert.x}");
    assertThat(logs.fromLogger(LOGGER)).isEmpty();
  }

  @Test
  void a_read_that_fails_answers_null_with_one_warning_and_never_throws() {
    VertxMdcLocation location = find(QuarkusWithLocalKey.class);
    Object notAContext = new Object();

    assertThat(location.mdcMap(notAContext)).isNull();
    assertThat(location.mdcMap(notAContext)).isNull();
    assertThat(logs.fromLogger(LOGGER))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo("WARN");
              assertThat(line.message())
                  .contains("could not read the MDC map of a Vert.x context")
                  .contains("ClassCastException");
            });
  }

  private void assertNeitherReportedOnce(Class<?> quarkus, String why) {
    List<CapturedLog.Line> lines = logs.fromLogger(LOGGER);
    assertThat(lines)
        .as("one WARN, however often the location is asked: %s", why)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.level()).isEqualTo("WARN");
              assertThat(line.message())
                  .contains(quarkus.getName() + " is present")
                  .contains(
                      "neither under the Vert.x context local " + VertxMdcLocation.QUARKUS_MDC_KEY)
                  .contains("MDC_LOCAL");
            });
  }

  private static VertxMdcLocation find(Class<?> quarkus) {
    return find(quarkus.getName());
  }

  private static VertxMdcLocation find(String quarkus) {
    return VertxMdcLocation.find(VertxMdcLocationTest.class.getClassLoader(), quarkus);
  }

  /** The map under {@code key} in {@code context}'s locals, created if absent. */
  static Map<String, Object> mapUnder(Context context, String key) {
    Map<String, Object> map = context.getLocal(key);
    if (map == null) {
      map = new ConcurrentHashMap<>();
      context.putLocal(key, map);
    }
    return map;
  }

  /** Runs {@code work} on the pooled thread with {@code context} as its current Vert.x context. */
  private <T> @Nullable T on(ContextInternal context, Callable<@Nullable T> work) {
    try {
      return pooled
          .submit(
              () -> {
                ContextInternal previous = context.beginDispatch();
                try {
                  assertThat(Vertx.currentContext()).isSameAs(context);
                  return work.call();
                } finally {
                  context.endDispatch(previous);
                }
              })
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
