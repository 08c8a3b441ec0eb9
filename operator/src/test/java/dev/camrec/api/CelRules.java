package dev.camrec.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates x-kubernetes-validations rules the way the API server does, with self (and oldSelf on
 * updates) bound to the value the rule sits on, as dynamic maps, lists and scalars.
 */
final class CelRules {

  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .addCompilerLibraries(CelExtensions.strings())
          .addRuntimeLibraries(CelExtensions.strings())
          .build();

  private CelRules() {}

  /** True when the rule holds; throws when the rule does not compile or cannot be evaluated. */
  static boolean holds(String rule, JsonNode self, JsonNode oldSelf) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("self", toCel(self));
    if (oldSelf != null) {
      variables.put("oldSelf", toCel(oldSelf));
    }
    try {
      Object result = CEL.createProgram(CEL.compile(rule).getAst()).eval(variables);
      if (result instanceof Boolean holds) {
        return holds;
      }
      throw new IllegalStateException("rule " + rule + " returned " + result + ", not a bool");
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("rule " + rule + " failed: " + e.getMessage(), e);
    }
  }

  /** Transition rules compare with the stored object and run only on updates. */
  static boolean isTransitionRule(String rule) {
    return rule.contains("oldSelf");
  }

  /** JSON as CEL sees it: int for integral numbers, double, string, bool, list, map. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(element -> list.add(toCel(element)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }
}
