package dev.logctx.cdi;

import dev.logctx.PreserveContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Methods that run on the caller's thread and change its MDC. */
@ApplicationScoped
public class SynchronousWork {
  private static final Logger log = LoggerFactory.getLogger(SynchronousWork.class);

  @PreserveContext
  public String preservedChangingMdc() {
    return changeMdc("preserved body");
  }

  @PreserveContext
  public String preservedFailingAfterChangingMdc() {
    changeMdc("preserved failing body");
    throw new IllegalStateException("failed on purpose");
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  public String changingMdc() {
    return changeMdc("plain body");
  }

  /** The negative control: the same without {@code @PreserveContext}. */
  public String failingAfterChangingMdc() {
    changeMdc("plain failing body");
    throw new IllegalStateException("failed on purpose");
  }

  private static String changeMdc(String line) {
    log.info(line);
    MDC.put("leaked_by", "body");
    MDC.remove("request_id");
    return line;
  }
}
