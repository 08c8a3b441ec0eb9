package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which cameras' recordings to delete, and when. */
@ValidationRule(
    value = "has(self.maxAge) || has(self.maxBytes)",
    message = "set maxAge, maxBytes or both: a policy without either would never delete anything",
    reason = "FieldValueRequired")
public record RetentionPolicySpec(
    @Required
        @JsonPropertyDescription(
            "Labels of the Cameras in this namespace whose recordings the policy prunes. An empty"
                + " selector ({}) selects every Camera in the namespace.")
        LabelSelector selector,
    @Pattern(ApiPatterns.DURATION)
        @JsonPropertyDescription(
            "Delete recordings older than this: a positive number followed by m, h or d, e.g. 7d"
                + " or 12h.")
        String maxAge,
    @Pattern(MAX_BYTES_PATTERN)
        @JsonPropertyDescription(
            "Keep at most this many bytes per camera, deleting the oldest first: a positive integer"
                + " with an optional suffix Ki, Mi, Gi, Ti, Pi (powers of 1024) or k, M, G, T, P"
                + " (powers of 1000), e.g. 50Gi.")
        String maxBytes,
    @Default(DEFAULT_SCHEDULE)
        @Pattern(
            "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+)$")
        @JsonPropertyDescription(
            "When to run, in cron syntax (minute hour day-of-month month day-of-week, UTC) or a"
                + " macro such as @daily. Default: hourly (0 * * * *).")
        String schedule,
    @Default("false")
        @JsonPropertyDescription(
            "Report what would be deleted in the status without deleting anything. Default: false.")
        Boolean dryRun) {

  public static final String DEFAULT_SCHEDULE = "0 * * * *";
  public static final String MAX_BYTES_PATTERN = "^[1-9][0-9]*(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$";

  public RetentionPolicySpec {
    schedule = schedule == null ? DEFAULT_SCHEDULE : schedule;
    dryRun = dryRun == null ? Boolean.FALSE : dryRun;
  }
}
