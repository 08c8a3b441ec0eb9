package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Where the clip is and what it holds. */
public record ClipRequestStatus(
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
        Long observedGeneration,
    @JsonPropertyDescription(
            "Succeeded: Unknown while the clip is cut, True when it is stored, False with the"
                + " reason when it failed.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions,
    @JsonPropertyDescription("Object key of the clip in the bucket.") String objectKey,
    @JsonPropertyDescription("Size of the clip in bytes.") Long sizeBytes,
    @JsonPropertyDescription("Size of the clip for people, e.g. 290Mi (binary units).") String size,
    @JsonPropertyDescription(
            "Where the clip really starts (RFC 3339, UTC); later than spec.start when recordings"
                + " begin later.")
        String actualStart,
    @JsonPropertyDescription(
            "Where the clip really ends (RFC 3339, UTC); earlier than spec.end when recordings end"
                + " earlier.")
        String actualEnd,
    @JsonPropertyDescription("Ranges inside the clip for which no recording exists.")
        List<TimeRange> gaps,
    @JsonPropertyDescription("Presigned URL to download the clip, valid until downloadUrlExpires.")
        String downloadUrl,
    @JsonPropertyDescription("When downloadUrl stops working (RFC 3339, UTC).")
        String downloadUrlExpires) {

  public ClipRequestStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    gaps = gaps == null ? List.of() : List.copyOf(gaps);
  }
}
