package dev.logctx.demo.jakartaee;

import dev.logctx.jaxrs.RequestIds;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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

  /** Reads an order from a parsed JSON body, or says all that is wrong; never echoes values. */
  static OrderRequest from(JsonValue body) throws InvalidOrderException {
    if (body.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new InvalidOrderException("the body must be a JSON object");
    }
    JsonObject object = body.asJsonObject();
    List<String> problems = new ArrayList<>();
    String userId = identifier(object, "userId", problems);
    String item = identifier(object, "item", problems);
    int quantity = 0;
    JsonValue q = object.get("quantity");
    if (q == null || q == JsonValue.NULL) {
      problems.add("quantity is missing");
    } else if (!(q instanceof JsonNumber) || !((JsonNumber) q).isIntegral()) {
      problems.add("quantity must be a whole number");
    } else {
      long value;
      try {
        value = ((JsonNumber) q).longValueExact();
      } catch (ArithmeticException e) {
        value = Long.MAX_VALUE;
      }
      if (value <= 0) {
        problems.add("quantity must be at least 1");
      } else if (value > Integer.MAX_VALUE) {
        problems.add("quantity is too large");
      } else {
        quantity = (int) value;
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidOrderException(String.join("; ", problems));
    }
    return new OrderRequest(userId, item, quantity);
  }

  private static String identifier(JsonObject body, String field, List<String> problems) {
    JsonValue value = body.get(field);
    if (value == null || value == JsonValue.NULL) {
      problems.add(field + " is missing");
      return "";
    }
    if (!(value instanceof JsonString) || !RequestIds.isValid(((JsonString) value).getString())) {
      problems.add(field + " must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
      return "";
    }
    return ((JsonString) value).getString();
  }
}
