package dev.logctx.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;
import org.junit.jupiter.api.Test;

/**
 * {@link LogContextProvider} against the MicroProfile Context Propagation SPI, called directly as
 * a framework would. The shared contract tests and the {@code @AfterEach} that checks the test
 * thread's MDC is empty are in {@link ThreadContextProviderContract}.
 */
class LogContextProviderTest extends ThreadContextProviderContract<ThreadContextSnapshot> {
  private final LogContextProvider provider = new LogContextProvider();

  @Override
  ThreadContextSnapshot capture() {
    return provider.currentContext(Map.of());
  }

  @Override
  ThreadContextSnapshot cleared() {
    return provider.clearedContext(Map.of());
  }

  @Override
  Runnable begin(ThreadContextSnapshot snapshot) {
    ThreadContextController controller = snapshot.begin();
    return controller::endContext;
  }

  @Override
  Object newProvider() throws Exception {
    return LogContextProvider.class.getConstructor().newInstance();
  }

  @Override
  String typeOf(Object provider) {
    return ((ThreadContextProvider) provider).getThreadContextType();
  }

  @Test
  void should_be_registered_for_the_service_loader() {
    assertThat(ServiceLoader.load(ThreadContextProvider.class))
        .anySatisfy(found -> assertThat(found).isInstanceOf(LogContextProvider.class));
  }

  @Test
  void should_expose_its_default_type_name() {
    assertThat(LogContextProvider.CONTEXT_TYPE).isEqualTo("LogContext");
    assertThat(LogContextProvider.CONTEXT_TYPE_PROPERTY).isEqualTo("logctx.context-type");
  }
}
