package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The CRD schema of one status condition. The statuses hold fabric8's {@code Condition}, whose
 * schema carries no descriptions; {@code @SchemaFrom} swaps in this one so that {@code kubectl
 * explain camera.status.conditions} reads well.
 */
public record ConditionSchema(
    @Required
        @JsonPropertyDescription(
            "Kind of condition in CamelCase: Ready, Recording or StorageAvailable for a Camera;"
                + " Succeeded for a ClipRequest; Ready for a RetentionPolicy.")
        String type,
    @Required @Pattern("^(True|False|Unknown)$") @JsonPropertyDescription("True, False or Unknown.")
        String status,
    @JsonPropertyDescription("Why the condition is as it is, one CamelCase word.") String reason,
    @JsonPropertyDescription("What happened and what to do about it, for people.") String message,
    @JsonPropertyDescription("When status last changed (RFC 3339, UTC).") String lastTransitionTime,
    @JsonPropertyDescription("metadata.generation the condition was computed for.")
        Long observedGeneration) {}
