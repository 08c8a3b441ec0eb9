package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One clip cut from a camera's stored recordings, downloadable until its ttl runs out. */
@Group(Camera.GROUP)
@Version(Camera.VERSION)
@Plural("cliprequests")
@ShortNames("clip")
@AdditionalPrinterColumn(
    name = "CAMERA",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.camera")
@AdditionalPrinterColumn(
    name = "START",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.start")
@AdditionalPrinterColumn(
    name = "END",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.end")
@AdditionalPrinterColumn(
    name = "SUCCEEDED",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Succeeded\")].status")
@AdditionalPrinterColumn(
    name = "SIZE",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.size")
@AdditionalPrinterColumn(
    name = "AGE",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class ClipRequest extends LenientCustomResource<ClipRequestSpec, ClipRequestStatus>
    implements Namespaced { // Overridden only to describe spec and status in the CRD (kubectl
  // explain cliprequest).
  @Override
  @JsonPropertyDescription(
      "Which Camera and time range to cut, what to do about gaps, and how long to keep the clip."
          + " Immutable.")
  public ClipRequestSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("Where the clip is, what it really covers, and how to download it.")
  public ClipRequestStatus getStatus() {
    return super.getStatus();
  }

  public ClipRequest() {
    super(ClipRequestSpec.class, ClipRequestStatus.class);
  }
}
