package dev.camrec.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why an object's spec could not be read into its class (a wrong JSON type, an unknown enum value),
 * naming the field at fault. An API server without our CRD's schema (or with an outdated one)
 * stores such objects; reading them leniently keeps one of them from failing the informer's list or
 * watch, which would blind the operator to every other object of the kind. The message never
 * repeats the value, which may be anything a user typed, credentials included.
 *
 * @param field the path of the field at fault, e.g. {@code spec.recording.segmentSeconds}
 * @param message what the field must be, for a person to fix it
 */
public record UnreadableSpec(String field, String message) {

  // Unknown fields are ignored, as the API server prunes them from objects it validates.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The spec read from its JSON, or the problem that kept it from being read. */
  public record Read<S>(S spec, UnreadableSpec problem) {}

  /** Reads {@code raw} as a {@code type}; never throws. */
  public static <S> Read<S> read(JsonNode raw, Class<S> type) {
    if (raw == null || raw.isNull()) {
      return new Read<>(null, null);
    }
    try {
      return new Read<>(MAPPER.treeToValue(raw, type), null);
    } catch (JsonProcessingException | RuntimeException e) {
      return new Read<>(null, of(e));
    }
  }

  private static UnreadableSpec of(Exception e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return new UnreadableSpec("spec", "spec cannot be read: " + e.getClass().getSimpleName());
    }
    String field =
        "spec"
            + mapping.getPath().stream()
                .map(
                    r ->
                        r.getFieldName() != null
                            ? "." + r.getFieldName()
                            : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
    return new UnreadableSpec(field, field + " must be " + expected(mapping));
  }

  private static String expected(JsonMappingException e) {
    Class<?> type =
        e instanceof MismatchedInputException m && m.getTargetType() != null
            ? m.getTargetType()
            : null;
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      type = f.getTargetType();
    }
    if (type == null) {
      return "of the type its CRD describes (see kubectl explain)";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> jsonName((Enum<?>) c))
              .collect(Collectors.joining(", "));
    }
    if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) ? "a map of strings" : "an object";
  }

  private static String jsonName(Enum<?> constant) {
    try {
      var json =
          constant
              .getDeclaringClass()
              .getField(constant.name())
              .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      return json == null ? constant.name() : json.value();
    } catch (NoSuchFieldException e) {
      return constant.name();
    }
  }
}
