package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of MDC operations give the same observable results on logback's own adapter
 * and on {@link SharedMapMdcAdapter}: every return value, every exception, the maps and key sets
 * each read hands out (compared as maps and sets: ours lists entries in insertion order), and the
 * fact that a map handed out earlier never changes afterwards. The sequences include raw maps
 * (values or keys that are not strings, as old code without generics passes them). Every mutator
 * of every read-only view the adapters hand out, found by reflection, fails the same way on both.
 */
class StockSemanticsDifferentialTest {
  private static final int SEQUENCES = 300;
  private static final int OPERATIONS = 200;
  /** More keys than {@link FlatMdcMap#INDEXED_FROM}: both layouts of the array are exercised. */
  private static final int KEYS = FlatMdcMap.INDEXED_FROM + 6;

  @Test
  void random_operation_sequences_observe_the_same_as_on_logbacks_adapter() {
    for (int sequence = 0; sequence < SEQUENCES; sequence++) {
      long seed = 4242L + sequence;
      Random random = new Random(seed);
      LogbackMDCAdapter stock = new LogbackMDCAdapter();
      SharedMapMdcAdapter ours = new SharedMapMdcAdapter();
      List<Map<String, String>> stockHandedOut = new ArrayList<>();
      List<Map<String, String>> oursHandedOut = new ArrayList<>();
      List<Map<String, String>> contentsHandedOut = new ArrayList<>();
      StringBuilder trail = new StringBuilder();
      for (int step = 0; step < OPERATIONS; step++) {
        Operation op = Operation.random(random);
        trail.append(op).append("; ");
        Object expected = op.apply(stock, stockHandedOut);
        Object actual = op.apply(ours, oursHandedOut);
        assertThat(normalised(actual))
            .as("seed %d, after %s", seed, trail)
            .isEqualTo(normalised(expected));
        while (contentsHandedOut.size() < stockHandedOut.size()) {
          contentsHandedOut.add(new HashMap<>(stockHandedOut.get(contentsHandedOut.size())));
        }
        for (int i = 0; i < oursHandedOut.size(); i++) {
          assertThat(new HashMap<>(oursHandedOut.get(i)))
              .as("seed %d: map handed out by read %d, after %s", seed, i, trail)
              .isEqualTo(contentsHandedOut.get(i))
              .isEqualTo(new HashMap<>(stockHandedOut.get(i)));
        }
      }
      stock.clear();
      ours.clear();
    }
  }

  @Test
  void the_stock_rules_named_in_the_docs_hold() {
    SharedMapMdcAdapter ours = new SharedMapMdcAdapter();
    assertThat(ours.getKeys()).as("no map yet").isNull();
    assertThat(ours.getPropertyMap()).isNull();
    assertThat(ours.getCopyOfContextMap()).isNull();

    ours.put("a", null);
    assertThat(ours.getPropertyMap()).as("null values are kept").containsEntry("a", null);
    ours.remove("a");
    assertThat(ours.getPropertyMap()).as("removing the last key leaves an empty map").isEmpty();
    assertThat(ours.getKeys()).isEmpty();

    ours.pushByKey("stack", "one");
    ours.put("b", "2");
    ours.clear();
    assertThat(ours.getPropertyMap()).as("clear() leaves no map").isNull();
    assertThat(ours.getKeys()).isNull();
    assertThat(ours.popByKey("stack")).as("deques survive clear()").isEqualTo("one");
  }

  /** Puts an entry that is not a {@code String} pair, as code without generics can. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void rawEntry(Map<String, String> map, Object key, Object value) {
    ((Map) map).put(key, value);
  }

  @Test
  void a_raw_map_with_values_that_are_no_strings_is_accepted_as_by_logbacks_adapter() {
    for (LogbackMDCAdapter adapter : List.of(new LogbackMDCAdapter(), new SharedMapMdcAdapter())) {
      Map<String, String> raw = new LinkedHashMap<>();
      raw.put("request_id", "req-1");
      rawEntry(raw, "count", 42);
      rawEntry(raw, 7, "seven");
      String name = adapter.getClass().getSimpleName();

      adapter.setContextMap(raw);

      assertThat(adapter.get("request_id")).as(name).isEqualTo("req-1");
      assertThatThrownBy(() -> adapter.get("count"))
          .as(name)
          .isInstanceOf(ClassCastException.class);
      assertThat(new HashMap<Object, Object>(adapter.getPropertyMap()))
          .as(name)
          .isEqualTo(Map.of("request_id", "req-1", "count", 42, 7, "seven"));
      Map<?, ?> copy = adapter.getCopyOfContextMap();
      assertThat(new HashMap<Object, Object>(copy))
          .as(name)
          .isEqualTo(Map.of("request_id", "req-1", "count", 42, 7, "seven"));
      adapter.put("user_id", "u-1");
      adapter.remove("count");
      assertThat(new HashSet<Object>(adapter.getKeys()))
          .as(name)
          .isEqualTo(Set.of("request_id", 7, "user_id"));
      adapter.clear();
    }
  }

  // ---- the read-only views: every mutator, found by reflection ---------------------------------

  /** Public methods of these types that only read; every other one must be in {@link #MUTATORS}. */
  private static final Map<Class<?>, Set<String>> READERS =
      Map.of(
          Map.class,
          Set.of("size", "isEmpty", "containsKey", "containsValue", "get", "keySet", "values",
              "entrySet", "equals", "hashCode", "getOrDefault", "forEach"),
          Collection.class,
          Set.of("size", "isEmpty", "contains", "iterator", "toArray", "containsAll", "equals",
              "hashCode", "spliterator", "stream", "parallelStream", "forEach"),
          Set.class,
          Set.of("size", "isEmpty", "contains", "iterator", "toArray", "containsAll", "equals",
              "hashCode", "spliterator", "stream", "parallelStream", "forEach"),
          Iterator.class,
          Set.of("hasNext", "next", "forEachRemaining"),
          Map.Entry.class,
          Set.of("getKey", "getValue", "equals", "hashCode"));

  /** Public methods of these types that write. */
  private static final Map<Class<?>, Set<String>> MUTATORS =
      Map.of(
          Map.class,
          Set.of("put", "remove", "putAll", "clear", "replaceAll", "putIfAbsent", "replace",
              "computeIfAbsent", "computeIfPresent", "compute", "merge"),
          Collection.class,
          Set.of("add", "remove", "addAll", "removeAll", "retainAll", "removeIf", "clear"),
          Set.class,
          Set.of("add", "remove", "addAll", "removeAll", "retainAll", "removeIf", "clear"),
          Iterator.class,
          Set.of("remove"),
          Map.Entry.class,
          Set.of("setValue"));

  /** The public instance methods of {@code type} as this JDK declares them, sorted. */
  private static List<Method> instanceMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (!Modifier.isStatic(method.getModifiers())) {
        methods.add(method);
      }
    }
    methods.sort((a, b) -> a.toGenericString().compareTo(b.toGenericString()));
    return methods;
  }

  @Test
  void every_method_of_the_view_types_of_this_jdk_is_known_as_a_reader_or_a_mutator() {
    Set<String> unknown = new TreeSet<>();
    for (Class<?> type : READERS.keySet()) {
      for (Method method : instanceMethods(type)) {
        String name = method.getName();
        if (!READERS.get(type).contains(name) && !MUTATORS.get(type).contains(name)) {
          unknown.add(type.getSimpleName() + "." + name);
        }
      }
    }
    assertThat(unknown).as("methods to sort into READERS or MUTATORS").isEmpty();
  }

  /** One view an adapter hands out, made afresh for each call, and the type it is seen as. */
  private static final class View {
    final String name;
    final Class<?> type;
    final Function<LogbackMDCAdapter, Object> of;

    View(String name, Class<?> type, Function<LogbackMDCAdapter, Object> of) {
      this.name = name;
      this.type = type;
      this.of = of;
    }
  }

  private static List<View> views(boolean empty) {
    List<View> views = new ArrayList<>();
    views.add(new View("getPropertyMap()", Map.class, LogbackMDCAdapter::getPropertyMap));
    views.add(new View("getPropertyMap().keySet()", Set.class, a -> a.getPropertyMap().keySet()));
    views.add(new View("getPropertyMap().values()", Collection.class,
        a -> a.getPropertyMap().values()));
    views.add(new View("getPropertyMap().entrySet()", Set.class,
        a -> a.getPropertyMap().entrySet()));
    views.add(new View("getKeys()", Set.class, LogbackMDCAdapter::getKeys));
    views.add(new View("keySet().iterator()", Iterator.class,
        a -> a.getPropertyMap().keySet().iterator()));
    views.add(new View("values().iterator()", Iterator.class,
        a -> a.getPropertyMap().values().iterator()));
    views.add(new View("entrySet().iterator()", Iterator.class,
        a -> a.getPropertyMap().entrySet().iterator()));
    views.add(new View("getKeys().iterator()", Iterator.class, a -> a.getKeys().iterator()));
    if (!empty) {
      views.add(new View("keySet().iterator() after next()", Iterator.class, a -> {
        Iterator<String> it = a.getPropertyMap().keySet().iterator();
        it.next();
        return it;
      }));
      views.add(new View("values().iterator() after next()", Iterator.class, a -> {
        Iterator<String> it = a.getPropertyMap().values().iterator();
        it.next();
        return it;
      }));
      views.add(new View("entrySet().iterator() after next()", Iterator.class, a -> {
        Iterator<Map.Entry<String, String>> it = a.getPropertyMap().entrySet().iterator();
        it.next();
        return it;
      }));
      views.add(new View("an entry of entrySet()", Map.Entry.class,
          a -> a.getPropertyMap().entrySet().iterator().next()));
    }
    return views;
  }

  /** Arguments to try for a parameter of this type: present and absent keys, empty and not. */
  private static List<@Nullable Object> argumentsFor(Class<?> parameter) {
    if (parameter == Map.class) {
      return List.of(Map.of(), Map.of("k0", "v0"), Map.of("new", "x"));
    }
    if (parameter == Collection.class) {
      return List.of(List.of(), List.of("k0"), List.of("absent"), List.of(Map.entry("k0", "v0")));
    }
    if (parameter == Predicate.class) {
      Predicate<Object> none = x -> false;
      Predicate<Object> all = x -> true;
      return List.of(none, all);
    }
    if (parameter == Function.class) {
      Function<Object, @Nullable Object> toNull = x -> null;
      Function<Object, Object> toNew = x -> "new";
      return Arrays.asList(toNull, toNew);
    }
    if (parameter == BiFunction.class) {
      BiFunction<Object, Object, @Nullable Object> toNull = (x, y) -> null;
      BiFunction<Object, Object, Object> toNew = (x, y) -> "new";
      return Arrays.asList(toNull, toNew);
    }
    return Arrays.asList("k0", "v0", Map.entry("k0", "v0"), "absent", null);
  }

  /** Every combination of {@link #argumentsFor} the parameters of {@code method}. */
  private static List<@Nullable Object[]> argumentLists(Method method) {
    List<@Nullable Object[]> lists = new ArrayList<>();
    lists.add(new Object[0]);
    for (Class<?> parameter : method.getParameterTypes()) {
      List<@Nullable Object[]> longer = new ArrayList<>();
      for (Object[] list : lists) {
        for (Object argument : argumentsFor(parameter)) {
          Object[] next = Arrays.copyOf(list, list.length + 1);
          next[list.length] = argument;
          longer.add(next);
        }
      }
      lists = longer;
    }
    return lists;
  }

  /** What a call did: the type of what it threw, or what it returned. */
  private static String outcome(Method method, Object view, @Nullable Object[] arguments) {
    try {
      return "returned " + method.invoke(view, arguments);
    } catch (InvocationTargetException e) {
      return "threw " + e.getCause().getClass().getName();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void every_mutator_of_every_view_throws_as_on_logbacks_adapter() {
    List<String> differences = new ArrayList<>();
    int calls = 0;
    for (int size : new int[] {0, 1, FlatMdcMap.INDEXED_FROM + 3}) {
      LogbackMDCAdapter stock = new LogbackMDCAdapter();
      SharedMapMdcAdapter ours = new SharedMapMdcAdapter();
      for (LogbackMDCAdapter adapter : List.of(stock, ours)) {
        adapter.put("tmp", "x"); // then removed: with size 0 the views are those of an empty map
        for (int i = 0; i < size; i++) {
          adapter.put("k" + i, "v" + i);
        }
        adapter.remove("tmp");
      }
      Map<String, String> before = new HashMap<>(stock.getPropertyMap());
      for (View view : views(size == 0)) {
        for (Method method : instanceMethods(view.type)) {
          if (!MUTATORS.get(view.type).contains(method.getName())) {
            continue;
          }
          for (Object[] arguments : argumentLists(method)) {
            calls++;
            String expected = outcome(method, view.of.apply(stock), arguments);
            String actual = outcome(method, view.of.apply(ours), arguments);
            if (!expected.equals(actual)) {
              differences.add(String.format("%d entries: %s.%s%s: logback %s, ours %s", size,
                  view.name, method.getName(), Arrays.deepToString(arguments), expected, actual));
            }
          }
        }
      }
      assertThat(new HashMap<>(stock.getPropertyMap())).as("logback's MDC").isEqualTo(before);
      assertThat(new HashMap<>(ours.getPropertyMap())).as("our MDC").isEqualTo(before);
    }
    assertThat(calls).as("mutator calls made").isGreaterThan(1000);
    assertThat(differences).as("calls that differ from logback's adapter").isEmpty();
  }

  /** Lists become sets where only the order may differ; exceptions become their type. */
  private static @Nullable Object normalised(@Nullable Object result) {
    if (result instanceof Set) {
      return new HashSet<>((Set<?>) result);
    }
    if (result instanceof Map) {
      return new HashMap<>((Map<?, ?>) result);
    }
    if (result instanceof Deque) {
      return new ArrayList<>((Deque<?>) result);
    }
    return result;
  }

  /** One MDC operation with its arguments, applied the same way to both adapters. */
  private static final class Operation {
    private final int kind;
    private final @Nullable String key;
    private final @Nullable String value;
    private final @Nullable Map<String, String> map;

    private Operation(int kind, @Nullable String key, @Nullable String value,
        @Nullable Map<String, String> map) {
      this.kind = kind;
      this.key = key;
      this.value = value;
      this.map = map;
    }

    static Operation random(Random random) {
      int kind = random.nextInt(14);
      String key = random.nextInt(40) == 0 ? null : "k" + random.nextInt(KEYS);
      String value = random.nextInt(15) == 0 ? null : "v" + random.nextInt(4);
      Map<String, String> map = null;
      if (kind == 8 && random.nextInt(6) != 0) {
        map = new LinkedHashMap<>();
        int size = random.nextInt(KEYS + 1);
        for (int i = 0; i < size; i++) {
          map.put("k" + random.nextInt(KEYS), random.nextInt(10) == 0 ? null : "v" + i);
        }
        if (random.nextInt(4) == 0) {
          rawEntry(map, random.nextBoolean() ? "k" + random.nextInt(KEYS) : 7, 42);
        }
      }
      return new Operation(kind, key, value, map);
    }

    /** Runs it; the result, or the type of what it threw. */
    @SuppressWarnings("unchecked")
    @Nullable Object apply(LogbackMDCAdapter adapter, List<Map<String, String>> handedOut) {
      try {
        switch (kind) {
          case 0:
          case 1:
          case 2:
            adapter.put(key, value);
            return null;
          case 3:
            return adapter.get(key);
          case 4:
          case 5:
            adapter.remove(key);
            return null;
          case 6:
            adapter.clear();
            return null;
          case 7:
            Map<String, String> property = adapter.getPropertyMap();
            if (property != null) {
              handedOut.add(property);
            }
            return property == null ? "no map" : property;
          case 8:
            adapter.setContextMap(map == null ? null : new HashMap<>(map));
            return null;
          case 9:
            Map<String, String> copy = adapter.getCopyOfContextMap();
            if (copy == null) {
              return "no map";
            }
            assertThat(copy).as("a copy is a HashMap, as logback's").isInstanceOf(HashMap.class);
            Map<String, String> seen = new HashMap<>(copy);
            copy.put("mutated", "by the caller"); // a copy is the caller's: no effect on the MDC
            return seen;
          case 10:
            Set<String> keys = adapter.getKeys();
            return keys == null ? "no map" : keys;
          case 11:
            adapter.pushByKey(Objects.requireNonNullElse(key, "d"), value);
            return null;
          case 12:
            return adapter.popByKey(Objects.requireNonNullElse(key, "d"));
          default:
            Deque<String> deque = adapter.getCopyOfDequeByKey(Objects.requireNonNullElse(key, "d"));
            return deque == null ? "no deque" : deque;
        }
      } catch (RuntimeException e) {
        return e.getClass();
      }
    }

    @Override
    public String toString() {
      String[] names = {"put", "put", "put", "get", "remove", "remove", "clear", "getPropertyMap",
          "setContextMap", "getCopyOfContextMap", "getKeys", "pushByKey", "popByKey",
          "getCopyOfDequeByKey"};
      return names[kind] + "(" + (kind == 8 ? map : key + (kind < 3 ? ", " + value : "")) + ")";
    }
  }
}
