package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** What to record and how. */
public record CameraSpec(
    @Required @JsonPropertyDescription("Where the stream comes from.") CameraSource source,
    @JsonPropertyDescription(
            "Segment length, audio handling and schedule. Omitted: record around the clock in"
                + " 60-second segments.")
        Recording recording,
    @JsonPropertyDescription(
            "Bucket and credentials for this camera. Omitted: the operator's default storage.")
        Storage storage,
    @JsonPropertyDescription("Local spool for finished segments awaiting upload.") Spool spool,
    @JsonPropertyDescription("CPU and memory for the recorder container.")
        ResourceRequirements resources,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonPropertyDescription(
            "Node labels the recorder pod must run on, e.g. to keep it near the camera's network.")
        Map<String, String> nodeSelector,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonPropertyDescription("Tolerations for the recorder pod.")
        List<Toleration> tolerations) {

  public CameraSpec {
    recording = recording == null ? Recording.DEFAULTS : recording;
    nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
  }
}
