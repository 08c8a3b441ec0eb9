package dev.camrec.contract.termination;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A command's result as the one JSON line it leaves in the container's termination log. Kubernetes
 * keeps at most {@link #MAX_BYTES} of a termination message and cuts the rest, which would leave
 * JSON nobody can read: every result bounds its own size (long messages shortened, long lists
 * capped with a count of what was left out), and {@link #toJson} checks it.
 */
public interface TerminationJson {

  /** What the kubelet keeps of a termination message (4096 bytes). */
  int MAX_BYTES = 4096;

  /** A message longer than this is shortened: a person reads the start of it anyway. */
  int MAX_MESSAGE_CHARS = 1024;

  ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  default String toJson() {
    String json;
    try {
      json = JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plain record always serializes", e);
    }
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " exceeds the " + MAX_BYTES + " bytes Kubernetes keeps");
    }
    return json;
  }

  /** The result in a terminated container's message, or empty for anything that is not one. */
  static <T> Optional<T> parse(String text, Class<T> type) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(JSON.readValue(text.strip(), type));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** The text cut to at most {@code max} characters, marked as cut. */
  static String shortened(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
