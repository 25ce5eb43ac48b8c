package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A future logback that adds a public method to its MDC adapter would reach logback's own maps,
 * which ours leaves empty: this fails until the adapter overrides the new method too.
 */
class AdapterOverridesEveryPublicMethodTest {

  @Test
  void every_public_method_of_logbacks_adapter_is_overridden() {
    List<String> missing = new ArrayList<>();
    for (Method method : LogbackMDCAdapter.class.getMethods()) {
      if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        SharedMapMdcAdapter.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(method.toString());
      }
    }
    assertThat(LogbackMDCAdapter.class.getMethods()).as("logback's public methods").isNotEmpty();
    assertThat(missing).as("public methods of LogbackMDCAdapter not overridden").isEmpty();
  }
}
