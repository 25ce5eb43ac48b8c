package dev.logctx.demo.jakartaee;

import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/**
 * Writes to the process's standard output itself, not to {@code System.out}: the server replaces
 * {@code System.out} with a stream that wraps each line in a log record of its own, which would
 * break the one-JSON-object-a-line output.
 *
 * @param <E> the event type
 */
public class StandardOutputAppender<E> extends OutputStreamAppender<E> {

  /** Opens the standard output and starts. */
  @Override
  public void start() {
    setOutputStream(new FileOutputStream(FileDescriptor.out));
    super.start();
  }
}
