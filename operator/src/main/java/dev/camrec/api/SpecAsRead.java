package dev.camrec.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A custom resource's spec as read from the API server, leniently ({@link UnreadableSpec}): the
 * spec when it could be read, else the problem and the JSON as it was, which the resource writes
 * back unchanged (a JSON copy, as JOSDK makes of cached resources, stays unreadable, and a status
 * patch computed from two JSON forms leaves it alone).
 */
public final class SpecAsRead<S> {

  private final Class<S> type;
  private UnreadableSpec problem;
  private JsonNode unreadable;

  public SpecAsRead(Class<S> type) {
    this.type = type;
  }

  /** Reads the spec; null when it is absent or unreadable. */
  public S read(JsonNode raw) {
    UnreadableSpec.Read<S> read = UnreadableSpec.read(raw, type);
    problem = read.problem();
    unreadable = problem == null ? null : raw;
    return read.spec();
  }

  public Optional<UnreadableSpec> problem() {
    return Optional.ofNullable(problem);
  }

  /** What to write for the resource beside its properties: the unreadable spec, if any. */
  public Map<String, JsonNode> asWritten() {
    return unreadable == null ? Map.of() : Map.of("spec", unreadable);
  }
}
