package dev.camrec.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A list request's {@code fieldSelector}, which the mock's CRUD storage ignores for most fields:
 * {@code kubectl describe camera X} lists Events with {@code involvedObject.name=X,
 * involvedObject.kind=Camera, ...} and would otherwise see none (or every Event). Terms are {@code
 * path=value}, {@code path==value} or {@code path!=value}, the path a dotted JSON field path.
 */
record FieldSelector(List<Term> terms) {

  record Term(String[] path, String value, boolean equal) {
    boolean matches(JsonNode item) {
      JsonNode node = item;
      for (String field : path) {
        node = node.path(field);
      }
      String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
      return actual.equals(value) == equal;
    }
  }

  /** The selector of a query string ({@code a=b&fieldSelector=...}), if it has one. */
  static Optional<FieldSelector> inQuery(String query) {
    if (query == null) {
      return Optional.empty();
    }
    for (String param : query.split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String selector =
            URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        return selector.isBlank() ? Optional.empty() : Optional.of(parse(selector));
      }
    }
    return Optional.empty();
  }

  static FieldSelector parse(String selector) {
    List<Term> terms = new ArrayList<>();
    for (String term : selector.split(",")) {
      boolean equal = !term.contains("!=");
      String[] parts = term.split(equal ? "==?" : "!=", 2);
      terms.add(
          new Term(parts[0].trim().split("\\."), parts.length > 1 ? parts[1].trim() : "", equal));
    }
    return new FieldSelector(List.copyOf(terms));
  }

  /** The list with only the items every term matches. */
  ObjectNode filter(JsonNode list) {
    ObjectNode copy = list.deepCopy();
    ArrayNode kept = copy.putArray("items");
    list.path("items")
        .forEach(
            item -> {
              if (terms.stream().allMatch(t -> t.matches(item))) {
                kept.add(item);
              }
            });
    return copy;
  }
}
