package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;

/** The local disk where finished segments wait for upload. */
public record Spool(
    @JsonPropertyDescription(
            "Most bytes the spool may hold, e.g. 2Gi. When full, the oldest uploaded data goes"
                + " first; every lost segment is counted. Default: the operator's setting.")
        Quantity sizeLimit,
    @Pattern(ApiPatterns.OBJECT_NAME)
        @JsonPropertyDescription(
            "PersistentVolumeClaim to spool on, so segments survive a pod move. Omitted: an"
                + " emptyDir, lost with the pod.")
        String persistentVolumeClaim) {}
