package dev.logctx.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of MDC operations give the same observable results on logback's own adapter
 * and on {@link SharedMapMdcAdapter}: every return value, every exception, the maps and key sets
 * each read hands out (compared as maps and sets: ours lists entries in insertion order), and the
 * fact that a map handed out earlier never changes afterwards.
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
