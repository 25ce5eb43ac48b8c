package dev.logctx.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logctx.jaxrs.RequestIds;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated {@code POST /orders} body: {@code {"userId": "...", "item": "...", "quantity": n}}.
 *
 * @param userId who orders: 1 to 64 characters of {@code [A-Za-z0-9._:-]} (it goes into the MDC)
 * @param item what: 1 to 64 characters of {@code [A-Za-z0-9._:-]} (it goes into a URL path)
 * @param quantity how many, at least 1
 */
record OrderRequest(String userId, String item, int quantity) {

  /** Thrown when a body is not a valid order; its message is safe to return and to log. */
  static final class InvalidOrderException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidOrderException(String message) {
      super(message);
    }
  }

  /**
   * Reads an order from a parsed JSON body, or says everything that is wrong with it. Messages name
   * fields, never echo values.
   */
  static OrderRequest from(JsonNode body) throws InvalidOrderException {
    if (!body.isObject()) {
      throw new InvalidOrderException("the body must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    String userId = identifier(body, "userId", problems);
    String item = identifier(body, "item", problems);
    int quantity = 0;
    JsonNode q = body.get("quantity");
    if (q == null || q.isNull()) {
      problems.add("quantity is missing");
    } else if (!q.isIntegralNumber() || !q.canConvertToInt()) {
      problems.add("quantity must be a whole number");
    } else if (q.intValue() <= 0) {
      problems.add("quantity must be at least 1");
    } else {
      quantity = q.intValue();
    }
    if (!problems.isEmpty()) {
      throw new InvalidOrderException(String.join("; ", problems));
    }
    return new OrderRequest(userId, item, quantity);
  }

  private static String identifier(JsonNode body, String field, List<String> problems) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      problems.add(field + " is missing");
      return "";
    }
    if (!node.isTextual() || !isIdentifier(node.textValue())) {
      problems.add(field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
      return "";
    }
    return node.textValue();
  }

  /** The same character set as request ids: safe in a log line and in a URL path. */
  static boolean isIdentifier(String value) {
    return RequestIds.isValid(value);
  }
}
