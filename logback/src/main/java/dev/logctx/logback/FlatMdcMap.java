package dev.logctx.logback;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A read-only {@link Map} view over one thread's MDC as {@link SharedMapMdcAdapter} stores it: an
 * immutable flat array {@code [key0, value0, key1, value1, ...]} in insertion order. From {@link
 * #INDEXED_FROM} entries on the array has one more slot at its end, an unmodifiable {@code HashMap}
 * of the same entries, so that lookups stay O(1) in large maps.
 *
 * <p>Read-only as logback's own view ({@code Collections.unmodifiableMap}) is: every mutator of the
 * map, of its key set, values and entry set, of their iterators and of their entries throws {@link
 * UnsupportedOperationException}, whatever its arguments (also when it would change nothing). The
 * array holds keys and values as they were given, unchecked: a raw map from code without generics
 * may hold other types, which, as in logback, fail only where a caller reads them as strings. So
 * the type parameters are {@code String} for every map the adapter hands out; they exist only so
 * that this class casts nothing itself.
 *
 * <p>The array holds only JDK types (strings, and that {@code HashMap}), so a thread that keeps it
 * after an application is undeployed does not keep the application's class loader (unless a raw
 * map put an object of the application there, which logback's own map keeps as well). Arrays are
 * never modified once built; every write builds a new one. Serialised as a plain unmodifiable
 * {@code HashMap}, which logback's hardened event receiver accepts.
 */
final class FlatMdcMap<K, V extends @Nullable Object> extends AbstractMap<K, V>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of entries from which an array carries a hash index in its last slot. */
  static final int INDEXED_FROM = 9;

  /** The array of an existing but empty MDC (after its last key was removed). */
  static final @Nullable Object[] NO_ENTRIES = new @Nullable Object[0];

  /** Never modified; {@code transient} because {@link #writeReplace()} writes a HashMap. */
  final transient @Nullable Object[] entries;

  FlatMdcMap(@Nullable Object[] entries) {
    this.entries = entries;
  }

  // ---- operations on the arrays ----------------------------------------------------------------

  /** Number of entries in {@code entries}. */
  static int size(@Nullable Object[] entries) {
    return entries.length >>> 1;
  }

  /** Position of {@code key}'s slot, or -1. */
  static int find(@Nullable Object[] entries, @Nullable Object key) {
    int end = entries.length & ~1;
    for (int i = 0; i < end; i += 2) {
      if (Objects.equals(entries[i], key)) {
        return i;
      }
    }
    return -1;
  }

  /** The value of {@code key}, null when absent (or mapped to null). */
  static @Nullable Object lookup(@Nullable Object[] entries, @Nullable Object key) {
    if ((entries.length & 1) == 1) {
      return index(entries).get(key);
    }
    int at = find(entries, key);
    return at < 0 ? null : entries[at + 1];
  }

  /** The hash index in the last slot of an array of {@link #INDEXED_FROM} entries or more. */
  private static Map<?, ?> index(@Nullable Object[] entries) {
    return (Map<?, ?>) Objects.requireNonNull(entries[entries.length - 1]);
  }

  /** Whether {@code entries} maps {@code key}, possibly to null. */
  static boolean contains(@Nullable Object[] entries, @Nullable Object key) {
    if ((entries.length & 1) == 1) {
      return index(entries).containsKey(key);
    }
    return find(entries, key) >= 0;
  }

  /** {@code entries} (null: no map) with {@code key} set; the same array when nothing changes. */
  static @Nullable Object[] with(
      @Nullable Object @Nullable [] entries, String key, @Nullable String value) {
    if (entries == null) {
      return new @Nullable Object[] {key, value};
    }
    int at = find(entries, key);
    if (at >= 0) {
      if (Objects.equals(entries[at + 1], value)) {
        return entries;
      }
      int pairs = size(entries);
      @Nullable Object[] next = allocate(pairs);
      System.arraycopy(entries, 0, next, 0, pairs * 2);
      next[at + 1] = value;
      return indexed(next, pairs);
    }
    int pairs = size(entries) + 1;
    @Nullable Object[] next = allocate(pairs);
    System.arraycopy(entries, 0, next, 0, pairs * 2 - 2);
    next[pairs * 2 - 2] = key;
    next[pairs * 2 - 1] = value;
    return indexed(next, pairs);
  }

  /** {@code entries} without the pair at slot {@code at}. */
  static @Nullable Object[] without(@Nullable Object[] entries, int at) {
    int pairs = size(entries) - 1;
    if (pairs == 0) {
      return NO_ENTRIES;
    }
    @Nullable Object[] next = allocate(pairs);
    System.arraycopy(entries, 0, next, 0, at);
    System.arraycopy(entries, at + 2, next, at, pairs * 2 - at);
    return indexed(next, pairs);
  }

  /** The entries of {@code map}, in its iteration order, as an array; unchecked, as logback's. */
  static @Nullable Object[] copyOf(Map<?, ?> map) {
    if (map instanceof FlatMdcMap) {
      return ((FlatMdcMap<?, ?>) map).entries;
    }
    int pairs = map.size();
    if (pairs == 0) {
      return NO_ENTRIES;
    }
    @Nullable Object[] next = allocate(pairs);
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      next[i++] = entry.getKey();
      next[i++] = entry.getValue();
    }
    return indexed(next, pairs);
  }

  private static @Nullable Object[] allocate(int pairs) {
    return new @Nullable Object[pairs >= INDEXED_FROM ? pairs * 2 + 1 : pairs * 2];
  }

  private static @Nullable Object[] indexed(@Nullable Object[] entries, int pairs) {
    if (pairs >= INDEXED_FROM) {
      HashMap<@Nullable Object, @Nullable Object> index = new HashMap<>(pairs * 2);
      for (int i = 0; i < pairs * 2; i += 2) {
        index.put(entries[i], entries[i + 1]);
      }
      entries[pairs * 2] = Collections.unmodifiableMap(index);
    }
    return entries;
  }

  // ---- the Map view -----------------------------------------------------------------------------

  /**
   * Slot {@code at} as the type the caller sees: unchecked, so a raw entry fails only there; the
   * caller's type says whether the slot may hold null (a value may, a key of logback's may not).
   */
  @SuppressWarnings({"unchecked", "NullAway"})
  private static <T> T slot(@Nullable Object[] entries, int at) {
    return (T) entries[at];
  }

  private static UnsupportedOperationException readOnly() {
    return new UnsupportedOperationException("the MDC map handed out is read-only");
  }

  @Override
  public int size() {
    return size(entries);
  }

  @Override
  public boolean isEmpty() {
    return entries.length == 0;
  }

  @SuppressWarnings("unchecked")
  @Override
  public @Nullable V get(@Nullable Object key) {
    return (V) lookup(entries, key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return contains(entries, key);
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    Objects.requireNonNull(action, "action");
    int end = entries.length & ~1;
    for (int i = 0; i < end; i += 2) {
      action.accept(slot(entries, i), slot(entries, i + 1));
    }
  }

  @Override
  public Set<K> keySet() {
    return new Slots<>(this, true);
  }

  @Override
  public Collection<V> values() {
    return new Values<>(this);
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new Slots<>(this, false);
  }

  // every mutator of Map throws, whatever its arguments, as Collections.unmodifiableMap's do

  @Override
  public V put(K key, V value) {
    throw readOnly();
  }

  @Override
  public V remove(@Nullable Object key) {
    throw readOnly();
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    throw readOnly();
  }

  @Override
  public void clear() {
    throw readOnly();
  }

  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    throw readOnly();
  }

  @Override
  public V putIfAbsent(K key, V value) {
    throw readOnly();
  }

  @Override
  public boolean remove(@Nullable Object key, @Nullable Object value) {
    throw readOnly();
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    throw readOnly();
  }

  @Override
  public V replace(K key, V value) {
    throw readOnly();
  }

  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    throw readOnly();
  }

  @Override
  public V computeIfPresent(
      K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    throw readOnly();
  }

  @Override
  public V compute(K key, BiFunction<? super K, ? super @Nullable V, ? extends V> remapping) {
    throw readOnly();
  }

  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remapping) {
    throw readOnly();
  }

  /** Same entries; the same array answers at once. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (other instanceof FlatMdcMap && ((FlatMdcMap<?, ?>) other).entries == entries) {
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
    return Collections.unmodifiableMap(new HashMap<>(this));
  }

  /**
   * A read-only collection over the slots of the array: every mutator throws, whatever its
   * arguments, as those of {@code Collections.unmodifiableCollection} do.
   */
  private abstract static class ReadOnly<E> extends AbstractCollection<E> {
    final @Nullable Object[] entries;

    ReadOnly(FlatMdcMap<?, ?> map) {
      this.entries = map.entries;
    }

    @Override
    public int size() {
      return FlatMdcMap.size(entries);
    }

    /** The element for the pair at slot {@code at}. */
    abstract E element(int at);

    @Override
    public Iterator<E> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < (entries.length & ~1);
        }

        @Override
        public E next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          E element = element(next);
          next += 2;
          return element;
        }

        @Override
        public void remove() {
          throw readOnly();
        }
      };
    }

    @Override
    public boolean add(E element) {
      throw readOnly();
    }

    @Override
    public boolean remove(@Nullable Object element) {
      throw readOnly();
    }

    @Override
    public boolean addAll(Collection<? extends E> elements) {
      throw readOnly();
    }

    @Override
    public boolean removeAll(Collection<?> elements) {
      throw readOnly();
    }

    @Override
    public boolean retainAll(Collection<?> elements) {
      throw readOnly();
    }

    @Override
    public boolean removeIf(Predicate<? super E> filter) {
      throw readOnly();
    }

    @Override
    public void clear() {
      throw readOnly();
    }
  }

  /** The values; equal only to itself, as {@code HashMap.values()} is. */
  private static final class Values<V> extends ReadOnly<V> {
    Values(FlatMdcMap<?, V> map) {
      super(map);
    }

    @Override
    V element(int at) {
      return slot(entries, at + 1);
    }
  }

  /**
   * The key set ({@code keys}) or the entry set (immutable entries), with the equality of a {@link
   * Set}.
   */
  private static final class Slots<E> extends ReadOnly<E> implements Set<E> {
    private final FlatMdcMap<?, ?> map;
    private final boolean keys;

    Slots(FlatMdcMap<?, ?> map, boolean keys) {
      super(map);
      this.map = map;
      this.keys = keys;
    }

    @Override
    E element(int at) {
      if (keys) {
        return slot(entries, at);
      }
      @SuppressWarnings("unchecked")
      E entry = (E) new AbstractMap.SimpleImmutableEntry<>(entries[at], entries[at + 1]);
      return entry;
    }

    @Override
    public boolean contains(@Nullable Object element) {
      if (keys) {
        return map.containsKey(element);
      }
      if (!(element instanceof Map.Entry)) {
        return false;
      }
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) element;
      Object key = entry.getKey();
      return map.containsKey(key) && Objects.equals(map.get(key), entry.getValue());
    }

    @Override
    public boolean equals(@Nullable Object other) {
      if (other == this) {
        return true;
      }
      if (!(other instanceof Set)) {
        return false;
      }
      Set<?> set = (Set<?>) other;
      return set.size() == size() && containsAll(set);
    }

    @Override
    public int hashCode() {
      int hash = 0;
      for (E element : this) {
        hash += Objects.hashCode(element);
      }
      return hash;
    }
  }
}
