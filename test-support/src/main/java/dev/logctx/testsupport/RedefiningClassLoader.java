package dev.logctx.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A class loader for tests that need classes loaded as if for the first time, or without some
 * library: it defines anew, from its parent's class files, every class whose name {@code redefined}
 * accepts (their static initialisers run again, and their references resolve through this loader),
 * refuses with {@link ClassNotFoundException} every class whose name {@code hidden} accepts, and
 * leaves all other classes to its parent. Hiding wins over redefining.
 */
public class RedefiningClassLoader extends ClassLoader {
  private final Predicate<String> redefined;
  private final Predicate<String> hidden;

  /**
   * A loader over {@code parent}.
   *
   * @param parent where the class files come from, and where the other classes are loaded
   * @param redefined which class names to define anew
   * @param hidden which class names to refuse, as if their library were absent
   */
  public RedefiningClassLoader(
      ClassLoader parent, Predicate<String> redefined, Predicate<String> hidden) {
    super(Objects.requireNonNull(parent, "parent"));
    this.redefined = Objects.requireNonNull(redefined, "redefined");
    this.hidden = Objects.requireNonNull(hidden, "hidden");
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (hidden.test(name)) {
        throw new ClassNotFoundException(name + " is hidden");
      }
      if (!redefined.test(name)) {
        return super.loadClass(name, resolve);
      }
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = defineFromParent(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> defineFromParent(String name) throws ClassNotFoundException {
    String resource = name.replace('.', '/') + ".class";
    try (InputStream in = getParent().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ClassNotFoundException(name);
      }
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }
}
