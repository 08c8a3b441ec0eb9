package dev.camrec.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a manifest against a CRD's structural openAPIV3Schema and its CEL rules, and words the
 * errors as the API server does ({@code spec.x: Invalid value: ...}). It covers what our CRDs use:
 * types, required, enum, pattern, minimum/maximum, lengths, item counts, unknown fields (structural
 * schemas allow none unless additionalProperties or preserve-unknown-fields say so), int-or-string,
 * and x-kubernetes-validations (rules on the root see metadata.name and generateName, as on the API
 * server). It does not apply defaults, check formats or metadata, or estimate CEL cost.
 */
final class CrdValidator {

  private final CustomResourceDefinition crd;
  private final CustomResourceDefinitionVersion version;

  CrdValidator(CustomResourceDefinition crd) {
    this.crd = crd;
    this.version = crd.getSpec().getVersions().get(0);
  }

  static CrdValidator forKind(String kind) {
    return new CrdValidator(GeneratedCrds.forKind(kind));
  }

  /** Errors for creating this manifest; empty when the API server would accept it. */
  List<String> validateCreate(JsonNode manifest) {
    return validate(manifest, null);
  }

  /** Errors for replacing oldManifest with manifest; transition rules run only here. */
  List<String> validateUpdate(JsonNode manifest, JsonNode oldManifest) {
    return validate(manifest, oldManifest);
  }

  private List<String> validate(JsonNode manifest, JsonNode oldManifest) {
    List<String> errors = new ArrayList<>();
    String expectedApiVersion = crd.getSpec().getGroup() + "/" + version.getName();
    if (!expectedApiVersion.equals(manifest.path("apiVersion").asText())) {
      errors.add("apiVersion: Invalid value: must be " + expectedApiVersion);
    }
    if (!crd.getSpec().getNames().getKind().equals(manifest.path("kind").asText())) {
      errors.add("kind: Invalid value: must be " + crd.getSpec().getNames().getKind());
    }
    // The API server checks these itself; the CRD schema does not describe them. Rules on the
    // root still see metadata.name and metadata.generateName, and only those.
    ObjectNode body = manifest.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    ObjectNode ruleView = body.deepCopy();
    ObjectNode metadata = ruleView.putObject("metadata");
    for (String field : List.of("name", "generateName")) {
      if (manifest.path("metadata").has(field)) {
        metadata.set(field, manifest.path("metadata").get(field));
      }
    }
    JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
    check(root, body, oldManifest, "", errors);
    if (errors.isEmpty()) {
      checkRules(root, ruleView, oldManifest, "", errors);
    }
    return errors;
  }

  private void check(
      JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<String> errors) {
    int errorsBefore = errors.size();
    if (value.isNull() && !Boolean.TRUE.equals(schema.getNullable())) {
      errors.add(invalid(path, value, "must be of type " + schema.getType() + ": \"null\""));
      return;
    }
    if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        errors.add(invalid(path, value, "must be of type integer-or-string"));
      }
    } else if (schema.getType() != null && !hasType(value, schema.getType())) {
      errors.add(
          invalid(
              path,
              value,
              "must be of type " + schema.getType() + ": \"" + jsonType(value) + "\""));
      return;
    }
    checkEnum(schema, value, path, errors);
    if (value.isTextual()) {
      checkString(schema, value, path, errors);
    }
    if (value.isNumber()) {
      checkNumber(schema, value, path, errors);
    }
    if (value.isArray()) {
      checkArray(schema, value, old, path, errors);
    }
    if (value.isObject()) {
      checkObject(schema, value, old, path, errors);
    }
    if (errors.size() == errorsBefore && !path.isEmpty()) {
      checkRules(schema, value, old, path, errors);
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> throw new IllegalArgumentException("unknown schema type " + type);
    };
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) return "object";
    if (value.isArray()) return "array";
    if (value.isTextual()) return "string";
    if (value.isIntegralNumber()) return "integer";
    if (value.isNumber()) return "number";
    if (value.isBoolean()) return "boolean";
    return "null";
  }

  private static void checkEnum(
      JSONSchemaProps schema, JsonNode value, String path, List<String> errors) {
    List<JsonNode> allowed = schema.getEnum();
    if (allowed != null && !allowed.isEmpty() && !allowed.contains(value)) {
      errors.add(
          path
              + ": Unsupported value: "
              + show(value)
              + ": supported values: "
              + allowed.stream().map(CrdValidator::show).collect(Collectors.joining(", ")));
    }
  }

  private static void checkString(
      JSONSchemaProps schema, JsonNode value, String path, List<String> errors) {
    String text = value.asText();
    if (schema.getMaxLength() != null && text.length() > schema.getMaxLength()) {
      errors.add(path + ": Too long: may not be more than " + schema.getMaxLength() + " bytes");
    }
    if (schema.getMinLength() != null && text.length() < schema.getMinLength()) {
      errors.add(
          invalid(path, value, "should be at least " + schema.getMinLength() + " chars long"));
    }
    if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
      errors.add(invalid(path, value, "should match '" + schema.getPattern() + "'"));
    }
  }

  private static void checkNumber(
      JSONSchemaProps schema, JsonNode value, String path, List<String> errors) {
    double number = value.doubleValue();
    if (schema.getMinimum() != null && number < schema.getMinimum()) {
      errors.add(
          invalid(path, value, "should be greater than or equal to " + plain(schema.getMinimum())));
    }
    if (schema.getMaximum() != null && number > schema.getMaximum()) {
      errors.add(
          invalid(path, value, "should be less than or equal to " + plain(schema.getMaximum())));
    }
  }

  private void checkArray(
      JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<String> errors) {
    if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
      errors.add(invalid(path, value, "should have at least " + schema.getMinItems() + " items"));
    }
    if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
      errors.add(
          path
              + ": Too many: "
              + value.size()
              + ": must have at most "
              + schema.getMaxItems()
              + " items");
    }
    JSONSchemaProps items = schema.getItems() == null ? null : schema.getItems().getSchema();
    for (int i = 0; items != null && i < value.size(); i++) {
      // The API server correlates old and new list items only for map lists; we have none.
      check(items, value.get(i), null, path + "[" + i + "]", errors);
    }
  }

  private void checkObject(
      JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<String> errors) {
    Map<String, JSONSchemaProps> properties =
        schema.getProperties() == null ? Map.of() : schema.getProperties();
    for (String required :
        schema.getRequired() == null ? List.<String>of() : schema.getRequired()) {
      if (!value.has(required)) {
        errors.add(child(path, required) + ": Required value");
      }
    }
    JSONSchemaProps additional =
        schema.getAdditionalProperties() == null
            ? null
            : schema.getAdditionalProperties().getSchema();
    boolean preserveUnknown = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = child(path, field.getKey());
      JsonNode oldField = old == null ? null : old.get(field.getKey());
      JSONSchemaProps fieldSchema = properties.getOrDefault(field.getKey(), additional);
      if (fieldSchema != null) {
        check(fieldSchema, field.getValue(), oldField, fieldPath, errors);
      } else if (!preserveUnknown) {
        errors.add("unknown field \"" + fieldPath + "\"");
      }
    }
  }

  private static void checkRules(
      JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<String> errors) {
    for (ValidationRule rule :
        schema.getXKubernetesValidations() == null
            ? List.<ValidationRule>of()
            : schema.getXKubernetesValidations()) {
      boolean transition = CelRules.isTransitionRule(rule.getRule());
      if (transition && old == null) {
        continue;
      }
      if (!CelRules.holds(rule.getRule(), value, transition ? old : null)) {
        String at = rule.getFieldPath() == null ? path : path + rule.getFieldPath();
        // The API server names the root of the object by its nil field path.
        at = at.isEmpty() ? "<nil>" : at;
        errors.add(ruleError(at, schema.getType(), rule));
      }
    }
  }

  private static String ruleError(String path, String type, ValidationRule rule) {
    String message =
        rule.getMessage() != null ? rule.getMessage() : "failed rule: " + rule.getRule();
    String reason = rule.getReason() == null ? "FieldValueInvalid" : rule.getReason();
    return switch (reason) {
      case "FieldValueForbidden" -> path + ": Forbidden: " + message;
      case "FieldValueRequired" -> path + ": Required value: " + message;
      case "FieldValueDuplicate" -> path + ": Duplicate value: " + message;
      default -> path + ": Invalid value: \"" + type + "\": " + message;
    };
  }

  private static String invalid(String path, JsonNode value, String problem) {
    return path + ": Invalid value: " + show(value) + ": " + path + " in body " + problem;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String show(JsonNode value) {
    return value.isContainerNode() ? "\"" + jsonType(value) + "\"" : value.toString();
  }

  private static String plain(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }
}
