package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

/**
 * What {@code kubectl get} shows, in the order it shows it: the order the classes declare their
 * {@code @AdditionalPrinterColumn}s, which fabric8's generator alone would sort by JSON path.
 */
class PrinterColumnsTest {

  @Test
  void camerasShowReadinessAndWhyRecordingLastSegmentAndAge() {
    CustomResourceDefinition crd = GeneratedCrds.forKind("Camera");

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("cam");
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName,
            CustomResourceColumnDefinition::getType,
            CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(
            tuple("READY", "string", ".status.conditions[?(@.type==\"Ready\")].status"),
            tuple("REASON", "string", ".status.conditions[?(@.type==\"Ready\")].reason"),
            tuple("RECORDING", "string", ".status.conditions[?(@.type==\"Recording\")].status"),
            tuple("LAST SEGMENT", "date", ".status.lastSegmentTime"),
            tuple("AGE", "date", ".metadata.creationTimestamp"));
  }

  @Test
  void clipRequestsShowCameraRangeOutcomeSizeAndAge() {
    CustomResourceDefinition crd = GeneratedCrds.forKind("ClipRequest");

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("clip");
    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(
            tuple("CAMERA", ".spec.camera"),
            tuple("START", ".spec.start"),
            tuple("END", ".spec.end"),
            tuple("SUCCEEDED", ".status.conditions[?(@.type==\"Succeeded\")].status"),
            tuple("SIZE", ".status.size"),
            tuple("AGE", ".metadata.creationTimestamp"));
  }

  @Test
  void retentionPoliciesShowTheirLimitsWhatTheLastRunDidReadinessAndAge() {
    CustomResourceDefinition crd = GeneratedCrds.forKind("RetentionPolicy");

    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(
            CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(
            tuple("MAX AGE", ".spec.maxAge"),
            tuple("MAX BYTES", ".spec.maxBytes"),
            tuple("LAST RUN", ".status.lastRun"),
            tuple("DELETED", ".status.deletedObjects"),
            tuple("FREED", ".status.freed"),
            tuple("READY", ".status.conditions[?(@.type==\"Ready\")].status"),
            tuple("AGE", ".metadata.creationTimestamp"));
  }

  @Test
  void everyResourceIsNamespacedInCamrecDevV1alpha1WithAStatusSubresource() {
    for (String kind : new String[] {"Camera", "RetentionPolicy", "ClipRequest"}) {
      CustomResourceDefinition crd = GeneratedCrds.forKind(kind);
      assertThat(crd.getSpec().getGroup()).isEqualTo("camrec.dev");
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(crd.getSpec().getVersions())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.getName()).isEqualTo("v1alpha1");
                assertThat(v.getSubresources().getStatus()).isNotNull();
              });
    }
  }
}
