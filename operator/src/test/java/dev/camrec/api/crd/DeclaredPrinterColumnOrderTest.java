package dev.camrec.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The column order kubectl shows is the order a class declares its columns in. */
class DeclaredPrinterColumnOrderTest {

  @Group("test.camrec.dev")
  @Version("v1")
  @AdditionalPrinterColumn(name = "ZONE", jsonPath = ".spec.zone")
  @AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp")
  @AdditionalPrinterColumn(name = "BRAND", jsonPath = ".spec.brand")
  static class Widget extends CustomResource<Void, Void> {}

  private final DeclaredPrinterColumnOrder order =
      new DeclaredPrinterColumnOrder(List.<Class<? extends HasMetadata>>of(Widget.class));

  @Test
  void columnsComeOutInTheOrderTheClassDeclaresThem() {
    CustomResourceDefinition crd =
        widgetsCrd(".metadata.creationTimestamp", ".spec.brand", ".spec.zone");

    order.process(crd, "v1");

    assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(".spec.zone", ".metadata.creationTimestamp", ".spec.brand");
  }

  @Test
  void aColumnNotDeclaredOnTheClassFailsGeneration() {
    CustomResourceDefinition crd = widgetsCrd(".spec.zone", ".spec.colour");

    assertThatThrownBy(() -> order.process(crd, "v1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".spec.colour")
        .hasMessageContaining("class-level @AdditionalPrinterColumn");
  }

  private static CustomResourceDefinition widgetsCrd(String... columnPaths) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(HasMetadata.getFullResourceName(Widget.class))
        .endMetadata()
        .withNewSpec()
        .addNewVersion()
        .withName("v1")
        .withAdditionalPrinterColumns(
            Arrays.stream(columnPaths)
                .map(
                    path ->
                        new CustomResourceColumnDefinitionBuilder()
                            .withName(path)
                            .withJsonPath(path)
                            .withType("string")
                            .build())
                .toList())
        .endVersion()
        .endSpec()
        .build();
  }
}
