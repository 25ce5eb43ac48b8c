package dev.logctx.logback;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A read-only {@link Map} view over one thread's MDC as {@link SharedMapMdcAdapter} stores it: an
 * immutable flat array {@code [key0, value0, key1, value1, ...]} in insertion order. From {@link
 * #INDEXED_FROM} entries on the array has one more slot at its end, an unmodifiable {@code HashMap}
 * of the same entries, so that lookups stay O(1) in large maps.
 *
 * <p>The array holds only JDK types (strings, and that {@code HashMap}), so a thread that keeps it
 * after an application is undeployed does not keep the application's class loader. Arrays are
 * never modified once built; every write builds a new one. Serialised as a plain unmodifiable
 * {@code HashMap}, which logback's hardened event receiver accepts.
 */
final class FlatMdcMap extends AbstractMap<String, @Nullable String> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of entries from which an array carries a hash index in its last slot. */
  static final int INDEXED_FROM = 9;

  /** The array of an existing but empty MDC (after its last key was removed). */
  static final Object[] NO_ENTRIES = new Object[0];

  /** Never modified; {@code transient} because {@link #writeReplace()} writes a HashMap. */
  final transient Object[] entries;

  FlatMdcMap(Object[] entries) {
    this.entries = entries;
  }

  // ---- operations on the arrays ----------------------------------------------------------------

  /** Number of entries in {@code entries}. */
  static int size(Object[] entries) {
    return entries.length >>> 1;
  }

  /** Position of {@code key}'s slot, or -1. */
  static int find(Object[] entries, @Nullable Object key) {
    int end = entries.length & ~1;
    for (int i = 0; i < end; i += 2) {
      if (Objects.equals(entries[i], key)) {
        return i;
      }
    }
    return -1;
  }

  /** The value of {@code key}, null when absent (or mapped to null). */
  static @Nullable String lookup(Object[] entries, @Nullable Object key) {
    if ((entries.length & 1) == 1) {
      return (String) ((Map<?, ?>) entries[entries.length - 1]).get(key);
    }
    int at = find(entries, key);
    return at < 0 ? null : (String) entries[at + 1];
  }

  /** Whether {@code entries} maps {@code key}, possibly to null. */
  static boolean contains(Object[] entries, @Nullable Object key) {
    if ((entries.length & 1) == 1) {
      return ((Map<?, ?>) entries[entries.length - 1]).containsKey(key);
    }
    return find(entries, key) >= 0;
  }

  /** {@code entries} (null: no map) with {@code key} set; the same array when nothing changes. */
  static Object[] with(Object @Nullable [] entries, String key, @Nullable String value) {
    if (entries == null) {
      return new Object[] {key, value};
    }
    int at = find(entries, key);
    if (at >= 0) {
      if (Objects.equals(entries[at + 1], value)) {
        return entries;
      }
      int pairs = size(entries);
      Object[] next = allocate(pairs);
      System.arraycopy(entries, 0, next, 0, pairs * 2);
      next[at + 1] = value;
      return indexed(next, pairs);
    }
    int pairs = size(entries) + 1;
    Object[] next = allocate(pairs);
    System.arraycopy(entries, 0, next, 0, pairs * 2 - 2);
    next[pairs * 2 - 2] = key;
    next[pairs * 2 - 1] = value;
    return indexed(next, pairs);
  }

  /** {@code entries} without the pair at slot {@code at}. */
  static Object[] without(Object[] entries, int at) {
    int pairs = size(entries) - 1;
    if (pairs == 0) {
      return NO_ENTRIES;
    }
    Object[] next = allocate(pairs);
    System.arraycopy(entries, 0, next, 0, at);
    System.arraycopy(entries, at + 2, next, at, pairs * 2 - at);
    return indexed(next, pairs);
  }

  /** The entries of {@code map}, in its iteration order, as an array. */
  static Object[] copyOf(Map<?, ?> map) {
    if (map instanceof FlatMdcMap) {
      return ((FlatMdcMap) map).entries;
    }
    int pairs = map.size();
    if (pairs == 0) {
      return NO_ENTRIES;
    }
    Object[] next = allocate(pairs);
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      next[i++] = (String) entry.getKey();
      next[i++] = (String) entry.getValue();
    }
    return indexed(next, pairs);
  }

  private static Object[] allocate(int pairs) {
    return new Object[pairs >= INDEXED_FROM ? pairs * 2 + 1 : pairs * 2];
  }

  private static Object[] indexed(Object[] entries, int pairs) {
    if (pairs >= INDEXED_FROM) {
      HashMap<@Nullable Object, @Nullable Object> index = new HashMap<>(pairs * 2);
      for (int i = 0; i < pairs * 2; i += 2) {
        index.put(entries[i], entries[i + 1]);
      }
      entries[pairs * 2] = Collections.unmodifiableMap(index);
    }
    return entries;
  }

  // ---- the Map view ------------------------------------------------------------------------------

  @Override
  public int size() {
    return size(entries);
  }

  @Override
  public boolean isEmpty() {
    return entries.length == 0;
  }

  @Override
  public @Nullable String get(@Nullable Object key) {
    return lookup(entries, key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return contains(entries, key);
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super @Nullable String> action) {
    Objects.requireNonNull(action, "action");
    int end = entries.length & ~1;
    for (int i = 0; i < end; i += 2) {
      action.accept((String) entries[i], (String) entries[i + 1]);
    }
  }

  @Override
  public Set<Map.Entry<String, @Nullable String>> entrySet() {
    return new Entries();
  }

  /** Same entries; the same array answers at once. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (other instanceof FlatMdcMap && ((FlatMdcMap) other).entries == entries) {
      return true;
    }
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Written as a plain unmodifiable HashMap: receivers need no logctx class. */
  private Object writeReplace() throws ObjectStreamException {
    HashMap<String, @Nullable String> copy = new HashMap<>(size() * 2);
    forEach(copy::put);
    return Collections.unmodifiableMap(copy);
  }

  private final class Entries extends AbstractSet<Map.Entry<String, @Nullable String>> {
    @Override
    public int size() {
      return FlatMdcMap.this.size();
    }

    @Override
    public Iterator<Map.Entry<String, @Nullable String>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < (entries.length & ~1);
        }

        @Override
        public Map.Entry<String, @Nullable String> next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Map.Entry<String, @Nullable String> entry =
              new AbstractMap.SimpleImmutableEntry<>(
                  (String) entries[next], (String) entries[next + 1]);
          next += 2;
          return entry;
        }
      };
    }
  }
}
