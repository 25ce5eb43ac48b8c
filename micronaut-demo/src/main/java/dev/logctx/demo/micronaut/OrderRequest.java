package dev.logctx.demo.micronaut;

import io.micronaut.json.tree.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code POST /orders} body: {@code {"userId": "...", "item": "...", "quantity": n}}.
 *
 * @param userId who orders: 1 to 64 characters of {@code [A-Za-z0-9._:-]} (it goes into the MDC)
 * @param item what: 1 to 64 characters of {@code [A-Za-z0-9._:-]} (it goes into a URL path)
 * @param quantity how many, at least 1
 */
record OrderRequest(String userId, String item, int quantity) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Thrown when a body is not a valid order; its message is safe to return and to log. */
  static final class InvalidOrderException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidOrderException(String message) {
      super(message);
    }
  }

  /**
   * Reads an order from a parsed JSON body ({@code null} for an empty one), or says everything that
   * is wrong with it. Messages name fields, never echo values.
   */
  static OrderRequest from(@Nullable JsonNode body) throws InvalidOrderException {
    if (body == null || !body.isObject()) {
      throw new InvalidOrderException("the body must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    String userId = identifier(body, "userId", problems);
    String item = identifier(body, "item", problems);
    int quantity = 0;
    JsonNode q = body.get("quantity");
    if (q == null || q.isNull()) {
      problems.add("quantity is missing");
    } else if (!q.isNumber() || !isWholeInt(q.getNumberValue())) {
      problems.add("quantity must be a whole number");
    } else if (q.getNumberValue().intValue() <= 0) {
      problems.add("quantity must be at least 1");
    } else {
      quantity = q.getNumberValue().intValue();
    }
    if (!problems.isEmpty()) {
      throw new InvalidOrderException(String.join("; ", problems));
    }
    return new OrderRequest(userId, item, quantity);
  }

  /** Whether {@code value} is 1 to 64 characters that are safe in a log line and a URL path. */
  static boolean isIdentifier(@Nullable String value) {
    return value != null && IDENTIFIER.matcher(value).matches();
  }

  private static boolean isWholeInt(Number number) {
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return true;
    }
    if (number instanceof Long value) {
      return value == value.intValue();
    }
    if (number instanceof BigInteger value) {
      return value.bitLength() < 32;
    }
    return false; // 1.5, and 1.0 too: a decimal is not a quantity
  }

  private static String identifier(JsonNode body, String field, List<String> problems) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + " is missing");
      return "";
    }
    if (!node.isString() || !isIdentifier(node.getStringValue())) {
      problems.add(field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
      return "";
    }
    return node.getStringValue();
  }
}
