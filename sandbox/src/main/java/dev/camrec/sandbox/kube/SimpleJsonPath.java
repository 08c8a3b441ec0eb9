package dev.camrec.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes JSONPath that CRD printer columns use: {@code .a.b}, {@code [n]}, {@code
 * [*]} and equality filters {@code [?(@.type=="Ready")]}. The API server only allows such simple
 * paths in additionalPrinterColumns, so a full JSONPath engine would buy nothing here.
 */
final class SimpleJsonPath {

  private static final Pattern FILTER =
      Pattern.compile("\\?\\(@\\.([\\w.-]+)\\s*==\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s]+))\\)");

  private final List<String> steps;

  private SimpleJsonPath(List<String> steps) {
    this.steps = steps;
  }

  static SimpleJsonPath parse(String expression) {
    String path = expression.trim();
    if (path.startsWith("{") && path.endsWith("}")) {
      path = path.substring(1, path.length() - 1);
    }
    if (path.startsWith("$")) {
      path = path.substring(1);
    }
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int end = closingBracket(path, i);
        steps.add(path.substring(i, end + 1));
        i = end + 1;
      } else {
        throw new IllegalArgumentException("Unsupported JSONPath: " + expression);
      }
    }
    return new SimpleJsonPath(steps);
  }

  private static int closingBracket(String path, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("Unclosed [ in JSONPath: " + path);
  }

  /** All values the path selects, in document order; empty when nothing matches. */
  List<JsonNode> evaluate(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (String step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(String step, JsonNode node, List<JsonNode> out) {
    if (!step.startsWith("[")) {
      if (step.isEmpty()) {
        out.add(node);
      } else if (node.has(step)) {
        out.add(node.get(step));
      }
      return;
    }
    String inner = step.substring(1, step.length() - 1).trim();
    if (!node.isArray()) {
      return;
    }
    if (inner.equals("*")) {
      node.forEach(out::add);
      return;
    }
    Matcher filter = FILTER.matcher(inner);
    if (filter.matches()) {
      SimpleJsonPath field = parse("." + filter.group(1));
      String wanted = firstNonNull(filter.group(2), filter.group(3), filter.group(4));
      for (JsonNode element : node) {
        List<JsonNode> values = field.evaluate(element);
        if (!values.isEmpty() && values.get(0).asText().equals(wanted)) {
          out.add(element);
        }
      }
      return;
    }
    int index = Integer.parseInt(inner);
    JsonNode element = node.get(index < 0 ? node.size() + index : index);
    if (element != null) {
      out.add(element);
    }
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
