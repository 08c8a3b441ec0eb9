package dev.camrec.contract.termination;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  /** A message longer than this (UTF-8 bytes) is shortened: a person reads its start anyway. */
  int MAX_MESSAGE_BYTES = 1000;

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

  /** The text cut to at most {@code maxBytes} of UTF-8, marked as cut with an ellipsis. */
  static String shortened(String text, int maxBytes) {
    if (text == null || utf8Length(text) <= maxBytes) {
      return text;
    }
    int budget = maxBytes - utf8Length("…");
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = utf8Length(new String(Character.toChars(cp)));
      if (used + size > budget) {
        break;
      }
      kept.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return kept.append('…').toString();
  }

  /**
   * The longest head of the list whose JSON takes at most {@code budgetBytes}: a result lists what
   * fits and counts the rest.
   */
  static <T> List<T> fitting(List<T> items, int budgetBytes) {
    int used = 0;
    for (int i = 0; i < items.size(); i++) {
      try {
        used += JSON.writeValueAsBytes(items.get(i)).length + 1;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a plain record always serializes", e);
      }
      if (used > budgetBytes) {
        return List.copyOf(items.subList(0, i));
      }
    }
    return items;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
