package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
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
    name = "DELETED",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.deletedObjects")
@AdditionalPrinterColumn(
    name = "FREED",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.freed")
@AdditionalPrinterColumn(
    name = "READY",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "AGE",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
@ValidationRule(
    value = "size(self.metadata.name) <= " + RetentionPolicy.MAX_NAME_LENGTH,
    message =
        "a RetentionPolicy name may have at most "
            + RetentionPolicy.MAX_NAME_LENGTH
            + " characters: its CronJob is <name>-retention, and a CronJob name may have at"
            + " most 52")
public class RetentionPolicy
    extends LenientCustomResource<RetentionPolicySpec, RetentionPolicyStatus>
    implements Namespaced {

  /**
   * The longest name whose CronJob name, {@code <name>-retention} (10 more), stays within the 52
   * characters Kubernetes allows a CronJob (its Jobs append 11).
   */
  public static final int MAX_NAME_LENGTH = 42;

  // Overridden only to describe spec and status in the CRD (kubectl explain retentionpolicy).
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

  public RetentionPolicy() {
    super(RetentionPolicySpec.class, RetentionPolicyStatus.class);
  }
}
