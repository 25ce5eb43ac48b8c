package dev.logctx.micronaut;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/** Adds a class to a Kafka client's {@code interceptor.classes}, keeping what is there. */
final class InterceptorClasses {
  private InterceptorClasses() {}

  /**
   * Appends {@code type} to the list under {@code key} in {@code config} unless it is there; the
   * value may be absent, a comma-separated string, a class, or a collection of names and classes,
   * as Kafka accepts them.
   */
  static void add(Properties config, String key, Class<?> type) {
    Object value = config.get(key);
    String name = type.getName();
    if (value == null || (value instanceof String && ((String) value).isBlank())) {
      config.put(key, name);
      return;
    }
    List<Object> entries = new ArrayList<>();
    if (value instanceof String) {
      for (String entry : ((String) value).split(",", -1)) {
        if (!entry.isBlank()) {
          entries.add(entry.trim());
        }
      }
    } else if (value instanceof Collection) {
      entries.addAll((Collection<?>) value);
    } else {
      entries.add(value);
    }
    for (Object entry : entries) {
      if (name.equals(entry) || type.equals(entry)) {
        return;
      }
    }
    entries.add(name);
    List<String> names = new ArrayList<>();
    for (Object entry : entries) {
      names.add(entry instanceof Class ? ((Class<?>) entry).getName() : String.valueOf(entry));
    }
    config.put(key, String.join(",", names));
  }
}
