package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An IP camera the operator records into S3-compatible storage. */
@Group(Camera.GROUP)
@Version(Camera.VERSION)
@Plural("cameras")
@ShortNames("cam")
@AdditionalPrinterColumn(
    name = "READY",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "RECORDING",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Recording\")].status")
@AdditionalPrinterColumn(
    name = "LAST SEGMENT",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".status.lastSegmentTime")
@AdditionalPrinterColumn(
    name = "AGE",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class Camera extends CustomResource<CameraSpec, CameraStatus> implements Namespaced {
  public static final String GROUP = "camrec.dev";
  public static final String VERSION = "v1alpha1";

  // Overridden only to describe spec and status in the CRD (kubectl explain camera).
  @Override
  @JsonPropertyDescription(
      "What to record and how: the stream, segment length, schedule, storage and the recorder pod's"
          + " placement.")
  public CameraSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the operator observed of the recorder and of what landed in storage.")
  public CameraStatus getStatus() {
    return super.getStatus();
  }
}
