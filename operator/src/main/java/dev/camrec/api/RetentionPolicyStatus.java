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
    @JsonPropertyDescription(
            "The Job of the last run, for kubectl logs job/<lastJob> and kubectl describe.")
        String lastJob,
    @JsonPropertyDescription("Objects the last run deleted (or, with dryRun, would have deleted).")
        Long deletedObjects,
    @JsonPropertyDescription("Bytes the last run freed (or, with dryRun, would have freed).")
        Long freedBytes,
    @JsonPropertyDescription("freedBytes in binary units (Ki, Mi, Gi, Ti), for kubectl get.")
        String freed,
    @JsonPropertyDescription(
            "Start of the oldest recording kept by the last run across the selected cameras (RFC"
                + " 3339, UTC).")
        String oldestKept,
    @JsonPropertyDescription(
            "Ready: True when the policy is scheduled and its last run succeeded (reason Pruned,"
                + " DryRun, or Scheduled before the first run); False with the reason if not:"
                + " InvalidSchedule, InvalidSelector, InvalidLimits, NameTooLong,"
                + " NoCamerasSelected, StorageUnavailable, PartialFailure, JobFailed.")
        @SchemaFrom(type = ConditionSchema[].class)
        List<Condition> conditions) {

  public RetentionPolicyStatus {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }
}
