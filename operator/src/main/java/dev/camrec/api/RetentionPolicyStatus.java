package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the policy's last run did. */
public record RetentionPolicyStatus(
    @JsonPropertyDescription("metadata.generation of the spec this status describes.")
        Long observedGeneration,
    @JsonPropertyDescription("When the last run finished (RFC 3339, UTC).") String lastRun,
    @JsonPropertyDescription("Objects the last run deleted (or, with dryRun, would have deleted).")
        Long deletedObjects,
    @JsonPropertyDescription("Bytes the last run freed (or, with dryRun, would have freed).")
        Long freedBytes,
    @JsonPropertyDescription(
            "Start of the oldest recording kept by the last run across the selected cameras (RFC"
                + " 3339, UTC).")
        String oldestKept,
    @JsonPropertyDescription(
            "Ready: True when the last run succeeded, False with the reason if not.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions) {

  public RetentionPolicyStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
