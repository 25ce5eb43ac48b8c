package dev.logctx.jaxrs;

import jakarta.servlet.ServletRequest;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal stand-ins for the JAX-RS contexts: the few methods the filters call, backed by maps;
 * every other method throws, so a filter that starts using more of the API fails loudly here.
 */
final class FakeContexts {
  private FakeContexts() {}

  /** A request whose headers are {@code headers}; each value is sent as one header line. */
  static ContainerRequestContext request(MultivaluedMap<String, String> headers) {
    return request(headers, new HashMap<>());
  }

  /**
   * A request whose headers are {@code headers} and whose properties are {@code properties}: in a
   * servlet container, the servlet request's attributes.
   */
  static ContainerRequestContext request(
      MultivaluedMap<String, String> headers, Map<String, Object> properties) {
    return proxy(
        ContainerRequestContext.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getHeaderString":
              List<String> values = headers.get((String) args[0]);
              return values == null ? null : String.join(",", values);
            case "getHeaders":
              return headers;
            case "getProperty":
              return properties.get((String) args[0]);
            case "setProperty":
              properties.put((String) args[0], args[1]);
              return null;
            case "removeProperty":
              properties.remove((String) args[0]);
              return null;
            case "getPropertyNames":
              return List.copyOf(properties.keySet());
            default:
              return unsupported(method.getName());
          }
        });
  }

  /** A request with one header, or none when {@code value} is null. */
  static ContainerRequestContext request(String header, String value) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    if (value != null) {
      headers.add(header, value);
    }
    return request(headers);
  }

  /** A servlet request whose attributes are {@code attributes}. */
  static ServletRequest servletRequest(Map<String, Object> attributes) {
    return proxy(
        ServletRequest.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getAttribute":
              return attributes.get((String) args[0]);
            case "setAttribute":
              attributes.put((String) args[0], args[1]);
              return null;
            case "removeAttribute":
              attributes.remove((String) args[0]);
              return null;
            default:
              return unsupported(method.getName());
          }
        });
  }

  static ContainerResponseContext response() {
    MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
    return proxy(
        ContainerResponseContext.class,
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "getHeaders":
              return headers;
            case "getHeaderString":
              List<Object> values = headers.get((String) args[0]);
              return values == null ? null : String.valueOf(values.get(0));
            default:
              return unsupported(method.getName());
          }
        });
  }

  static ClientRequestContext clientRequest(MultivaluedMap<String, Object> headers) {
    return proxy(
        ClientRequestContext.class,
        (proxy, method, args) -> {
          if (method.getName().equals("getHeaders")) {
            return headers;
          }
          return unsupported(method.getName());
        });
  }

  private static Object unsupported(String name) {
    throw new UnsupportedOperationException("not faked: " + name);
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    InvocationHandler withObjectMethods =
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "toString":
              return "Fake" + type.getSimpleName();
            case "hashCode":
              return System.identityHashCode(proxy);
            case "equals":
              return proxy == args[0];
            default:
              return handler.invoke(proxy, method, args);
          }
        };
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, withObjectMethods));
  }
}
