package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
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
// Why (not) ready, in one word: AudioCodecNotStorable, CrashLoopBackOff, Disabled, RecorderReady...
@AdditionalPrinterColumn(
    name = "REASON",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
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
@ValidationRule(
    value = "size(self.metadata.name) <= " + Camera.MAX_NAME_LENGTH,
    message =
        "a Camera name may have at most "
            + Camera.MAX_NAME_LENGTH
            + " characters: the name of"
            + " its recorder pod, <name>-recorder-<hash of up to 10>-<5 random>, is the pod's"
            + " hostname and must fit in 63")
public class Camera extends LenientCustomResource<CameraSpec, CameraStatus> implements Namespaced {
  public static final String GROUP = "camrec.dev";
  public static final String VERSION = "v1alpha1";

  /**
   * The longest Camera name whose derived names all stay whole and valid. The recorder Deployment
   * is {@code <name>-recorder} (9 more); its ReplicaSet appends {@code -<pod-template hash>} (up to
   * 11) and the ReplicaSet's pods {@code -<5 random>} (6); a pod name is its hostname, a DNS label
   * of at most 63 characters, and the API server cuts a generated name's base to fit. 63 - 9 - 11 -
   * 6 = 37. The name is also a label value (at most 63), which is looser.
   */
  public static final int MAX_NAME_LENGTH = 37;

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

  public Camera() {
    super(CameraSpec.class, CameraStatus.class);
  }
}
