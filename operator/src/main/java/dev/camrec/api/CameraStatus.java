package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator observed of a Camera's recorder and storage. */
public record CameraStatus(
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
        Long observedGeneration,
    @JsonPropertyDescription(
            "Ready, Recording and StorageAvailable, each True, False or Unknown with a reason;"
                + " FootageLost while recorded footage was lost during the last day.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions,
    @JsonPropertyDescription("When the newest stored segment started (RFC 3339, UTC).")
        String lastSegmentTime,
    @JsonPropertyDescription("Bytes stored for this camera during the last hour.")
        Long storedBytesLastHour,
    @JsonPropertyDescription("Bytes stored for this camera during the last 24 hours.")
        Long storedBytesLastDay,
    @JsonPropertyDescription(
            "Times the recorder reconnected to the camera since it started (its own count, see"
                + " recorder.startedAt); from a recorder that does not report, the breaks in the"
                + " stored recording during the last 24 hours, scheduled pauses excluded.")
        Long reconnects,
    @JsonPropertyDescription(
            "The recorder's own figures (gaps, spool backlog, lost segments), from its report in"
                + " the bucket.")
        RecorderFigures recorder) {

  public CameraStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
