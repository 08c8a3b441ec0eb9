package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kubectl explain has something to say about every field camrec defines. */
class CrdDescriptionsTest {

  /**
   * Kubernetes' own types: described at the field that holds them, but fabric8's model carries no
   * descriptions for what is inside.
   */
  private static final Set<String> KUBERNETES_TYPES =
      Set.of(".spec.resources", ".spec.tolerations", ".spec.selector");

  @ParameterizedTest
  @ValueSource(strings = {"Camera", "RetentionPolicy", "ClipRequest"})
  void everyCamrecFieldHasADescription(String kind) {
    JSONSchemaProps root =
        GeneratedCrds.forKind(kind).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();

    List<String> undescribed = new ArrayList<>();
    collectUndescribed(root, "", undescribed);

    assertThat(undescribed).as("fields of %s without @JsonPropertyDescription", kind).isEmpty();
  }

  private static void collectUndescribed(JSONSchemaProps schema, String path, List<String> out) {
    if (KUBERNETES_TYPES.contains(path)) {
      return;
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties != null) {
      properties.forEach(
          (name, property) -> {
            String propertyPath = path + "." + name;
            if (property.getDescription() == null || property.getDescription().isBlank()) {
              out.add(propertyPath);
            }
            collectUndescribed(property, propertyPath, out);
          });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUndescribed(schema.getItems().getSchema(), path, out);
    }
  }
}
