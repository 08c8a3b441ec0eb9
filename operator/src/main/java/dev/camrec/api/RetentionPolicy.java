package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Deletes old recordings of the selected cameras on a schedule. */
@Group(Camera.GROUP)
@Version(Camera.VERSION)
@Plural("retentionpolicies")
@AdditionalPrinterColumn(
    name = "MAX AGE",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.maxAge")
@AdditionalPrinterColumn(
    name = "MAX BYTES",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.maxBytes")
@AdditionalPrinterColumn(
    name = "LAST RUN",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".status.lastRun")
@AdditionalPrinterColumn(
    name = "AGE",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class RetentionPolicy extends CustomResource<RetentionPolicySpec, RetentionPolicyStatus>
    implements Namespaced { // Overridden only to describe spec and status in the CRD (kubectl
  // explain retentionpolicy).
  @Override
  @JsonPropertyDescription("Which Cameras' recordings to prune, by which limits, and when.")
  public RetentionPolicySpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the policy's last run did.")
  public RetentionPolicyStatus getStatus() {
    return super.getStatus();
  }
}
