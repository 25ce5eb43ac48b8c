package dev.logctx.micronaut.processor;

import io.micronaut.aop.Around;
import io.micronaut.aop.InterceptorBinding;
import io.micronaut.aop.InterceptorKind;
import io.micronaut.core.annotation.AnnotationClassValue;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.NamedAnnotationMapper;
import io.micronaut.inject.visitor.VisitorContext;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Tells Micronaut's annotation processor that {@code @dev.logctx.PreserveContext} is an AROUND
 * interceptor binding, so that it builds an AOP proxy for every bean that carries the annotation
 * (on the class or on a method). Micronaut ignores {@code jakarta.interceptor} bindings; this mapper
 * adds Micronaut's own {@code @InterceptorBinding(value = PreserveContext.class, kind = AROUND)}
 * and {@code @Around}, which the interceptors of {@code logctx-micronaut} ({@code
 * @InterceptorBean(PreserveContext.class)}) are bound to.
 *
 * <p>Found by the processor through {@code
 * META-INF/services/io.micronaut.inject.annotation.AnnotationMapper}. The annotation is named by
 * its name only: the processor path needs neither logctx-api nor the Jakarta Interceptors API.
 */
public final class PreserveContextAnnotationMapper implements NamedAnnotationMapper {
  /** The annotation this mapper serves: {@value}. */
  public static final String PRESERVE_CONTEXT = "dev.logctx.PreserveContext";

  /** Created by Micronaut's annotation processor (service loader). */
  public PreserveContextAnnotationMapper() {}

  /**
   * The name of the mapped annotation.
   *
   * @return {@value #PRESERVE_CONTEXT}
   */
  @Override
  public String getName() {
    return PRESERVE_CONTEXT;
  }

  /**
   * The Micronaut annotations that make {@code @PreserveContext} an AROUND advice.
   *
   * @param annotation the {@code @PreserveContext} found on an element
   * @param visitorContext the processor's context
   * @return an AROUND {@code @InterceptorBinding} for {@code PreserveContext} and {@code @Around}
   */
  @Override
  public List<AnnotationValue<?>> map(
      AnnotationValue<Annotation> annotation, VisitorContext visitorContext) {
    AnnotationValue<InterceptorBinding> binding =
        AnnotationValue.builder(InterceptorBinding.class)
            .values(new AnnotationClassValue<>(PRESERVE_CONTEXT))
            .member("kind", InterceptorKind.AROUND)
            .build();
    AnnotationValue<Around> around = AnnotationValue.builder(Around.class).build();
    return List.of(binding, around);
  }
}
