package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Which camera and time range to cut into one clip. Sizes bound the cost of the CEL rules. */
@ValidationRule(
    value = "timestamp(self.end) > timestamp(self.start)",
    message = "end must be after start",
    fieldPath = ".end")
@ValidationRule(
    value = "timestamp(self.end) - timestamp(self.start) <= duration('24h')",
    message = "a clip may span at most 24h; request several clips for longer ranges",
    fieldPath = ".end")
@ValidationRule(
    value = "self == oldSelf",
    message = "spec is immutable; delete this ClipRequest and create a new one")
public record ClipRequestSpec(
    @Required
        @Size(max = 253)
        @Pattern(ApiPatterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of the Camera, in this namespace, to cut the clip from.")
        String camera,
    @Required
        @Size(max = 64)
        @Pattern(ApiPatterns.RFC3339)
        @JsonPropertyDescription("Start of the clip, RFC 3339, e.g. 2026-03-02T08:15:00Z.")
        String start,
    @Required
        @Size(max = 64)
        @Pattern(ApiPatterns.RFC3339)
        @JsonPropertyDescription("End of the clip, RFC 3339, after start and at most 24h later.")
        String end,
    @Default("Concatenate")
        @JsonPropertyDescription(
            "When recordings are missing inside the range: Concatenate (join what exists and list"
                + " the gaps in the status) or Fail. Default: Concatenate.")
        OnGap onGap,
    @Default(DEFAULT_TTL)
        @Size(max = 16)
        @Pattern(ApiPatterns.DURATION)
        @JsonPropertyDescription(
            "How long after the clip succeeded (or failed) the clip and this ClipRequest are kept"
                + " before both are deleted: a positive number followed by m, h or d. Default:"
                + " 24h.")
        String ttl) {

  public static final String DEFAULT_TTL = "24h";

  public ClipRequestSpec {
    onGap = onGap == null ? OnGap.CONCATENATE : onGap;
    ttl = ttl == null ? DEFAULT_TTL : ttl;
  }
}
