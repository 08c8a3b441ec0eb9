package dev.camrec.operator.retention;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A policy's label selector, checked and matched against Cameras' labels as the API server's
 * selectors do (matchLabels and matchExpressions, all of them ANDed; an empty selector selects
 * every Camera). The CRD can only say it is an object: operators and values are checked here.
 */
final class CameraSelector {

  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)");
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private CameraSelector() {}

  /** What is wrong with the selector, for a person to fix; empty when it is valid. */
  static Optional<String> problem(LabelSelector selector) {
    if (selector == null) {
      return Optional.of("spec.selector is missing; {} selects every Camera in the namespace");
    }
    for (Map.Entry<String, String> e : labels(selector).entrySet()) {
      Optional<String> p = keyProblem(e.getKey()).or(() -> valueProblem(e.getKey(), e.getValue()));
      if (p.isPresent()) {
        return p;
      }
    }
    for (LabelSelectorRequirement r : expressions(selector)) {
      Optional<String> p = requirementProblem(r);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /** Whether a Camera with these labels is selected; only for a selector without a problem. */
  static boolean matches(LabelSelector selector, Map<String, String> cameraLabels) {
    Map<String, String> labels = cameraLabels == null ? Map.of() : cameraLabels;
    for (Map.Entry<String, String> e : labels(selector).entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : expressions(selector)) {
      String value = labels.get(r.getKey());
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      boolean ok =
          switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The selector in kubectl's -l syntax, for messages. */
  static String describe(LabelSelector selector) {
    StringBuilder out = new StringBuilder();
    labels(selector).forEach((k, v) -> append(out, k + "=" + v));
    for (LabelSelectorRequirement r : expressions(selector)) {
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      append(
          out,
          switch (r.getOperator()) {
            case "In" -> r.getKey() + " in (" + String.join(",", values) + ")";
            case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + r.getOperator();
          });
    }
    return out.isEmpty() ? "{} (every Camera)" : out.toString();
  }

  private static void append(StringBuilder out, String term) {
    if (!out.isEmpty()) {
      out.append(',');
    }
    out.append(term);
  }

  private static Map<String, String> labels(LabelSelector selector) {
    return selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
  }

  private static List<LabelSelectorRequirement> expressions(LabelSelector selector) {
    return selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
  }

  private static Optional<String> requirementProblem(LabelSelectorRequirement r) {
    if (r.getKey() == null) {
      return Optional.of("spec.selector.matchExpressions: an expression has no key");
    }
    Optional<String> key = keyProblem(r.getKey());
    if (key.isPresent()) {
      return key;
    }
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    String op = r.getOperator() == null ? "" : r.getOperator();
    switch (op) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          return Optional.of(
              "spec.selector.matchExpressions: " + op + " on " + r.getKey() + " needs values");
        }
        for (String v : values) {
          Optional<String> p = valueProblem(r.getKey(), v);
          if (p.isPresent()) {
            return p;
          }
        }
        return Optional.empty();
      }
      case "Exists", "DoesNotExist" -> {
        return values.isEmpty()
            ? Optional.empty()
            : Optional.of(
                "spec.selector.matchExpressions: " + op + " on " + r.getKey() + " takes no values");
      }
      default -> {
        return Optional.of(
            "spec.selector.matchExpressions: unknown operator '"
                + op
                + "' on "
                + r.getKey()
                + "; use In, NotIn, Exists or DoesNotExist");
      }
    }
  }

  private static Optional<String> keyProblem(String key) {
    String[] parts = key.split("/", -1);
    boolean ok =
        switch (parts.length) {
          case 1 -> name(parts[0]);
          case 2 ->
              parts[0].length() <= 253 && PREFIX.matcher(parts[0]).matches() && name(parts[1]);
          default -> false;
        };
    return ok
        ? Optional.empty()
        : Optional.of("spec.selector: '" + key + "' is not a valid label key");
  }

  private static boolean name(String s) {
    return s.length() <= 63 && NAME.matcher(s).matches();
  }

  private static Optional<String> valueProblem(String key, String value) {
    return value != null && value.length() <= 63 && VALUE.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("spec.selector: '" + value + "' is not a valid value for label " + key);
  }
}
