package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.util.AnnotationLiteral;

/** Instances of the tests' interceptor bindings, to ask a container which interceptors it applies. */
final class BindingLiterals {
  static final PreserveContext PRESERVE_CONTEXT = new PreserveContextLiteral();
  static final OffThread OFF_THREAD = new OffThreadLiteral();

  private BindingLiterals() {}

  private static final class PreserveContextLiteral extends AnnotationLiteral<PreserveContext>
      implements PreserveContext {
    private static final long serialVersionUID = 1L;
  }

  private static final class OffThreadLiteral extends AnnotationLiteral<OffThread>
      implements OffThread {
    private static final long serialVersionUID = 1L;
  }
}
