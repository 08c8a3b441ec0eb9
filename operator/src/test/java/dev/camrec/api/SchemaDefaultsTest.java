package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API classes fill in the same defaults as the CRD schema, so the operator sees the same spec
 * whether an API server defaulted it or not (the fabric8 mock server does not).
 */
class SchemaDefaultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aMinimalCameraGetsTheSchemaDefaults() {
    assertDefaultsMatch(
        "Camera",
        Camera.class,
        """
        apiVersion: camrec.dev/v1alpha1
        kind: Camera
        metadata: {name: minimal}
        spec:
          source:
            url: rtsp://192.168.1.2/stream
            credentialsSecretRef: {name: cam}
          recording:
            schedule:
              windows: [{start: "08:00", end: "20:00"}]
          storage:
            bucket: videos
            credentialsSecretRef: {name: store}
        """);
  }

  @Test
  void aMinimalRetentionPolicyGetsTheSchemaDefaults() {
    assertDefaultsMatch(
        "RetentionPolicy",
        RetentionPolicy.class,
        """
        apiVersion: camrec.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: minimal}
        spec:
          selector: {}
          maxAge: 7d
        """);
  }

  @Test
  void aMinimalClipRequestGetsTheSchemaDefaults() {
    assertDefaultsMatch(
        "ClipRequest",
        ClipRequest.class,
        """
        apiVersion: camrec.dev/v1alpha1
        kind: ClipRequest
        metadata: {name: minimal}
        spec:
          camera: front-door
          start: "2026-03-02T08:15:00Z"
          end: "2026-03-02T08:25:00Z"
        """);
  }

  @Test
  void aCameraWithoutRecordingSettingsRecordsAroundTheClockInMinuteSegments() {
    Camera camera =
        Serialization.unmarshal(
            """
            apiVersion: camrec.dev/v1alpha1
            kind: Camera
            metadata: {name: bare}
            spec:
              source: {url: "rtsp://192.168.1.2/stream"}
            """,
            Camera.class);

    assertThat(camera.getSpec().recording())
        .isEqualTo(new Recording(true, 60, Audio.COPY, null, SegmentClock.AUTO));
  }

  private static void assertDefaultsMatch(
      String kind, Class<? extends CustomResource<?, ?>> type, String minimalYaml) {
    JsonNode read = JSON.valueToTree(Serialization.unmarshal(minimalYaml, type)).get("spec");
    JSONSchemaProps specSchema =
        GeneratedCrds.forKind(kind)
            .getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec");

    List<String> checked = new ArrayList<>();
    compare(specSchema, read, "spec", checked);

    assertThat(checked).as("defaults the minimal %s exercises", kind).isNotEmpty();
  }

  /** Every default the schema declares under a present object must be what Java filled in. */
  private static void compare(
      JSONSchemaProps schema, JsonNode value, String path, List<String> checked) {
    if (schema.getProperties() == null || value == null || !value.isObject()) {
      return;
    }
    for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
      String propertyPath = path + "." + property.getKey();
      JsonNode actual = value.get(property.getKey());
      if (property.getValue().getDefault() != null) {
        assertThat(actual).as(propertyPath).isEqualTo(property.getValue().getDefault());
        checked.add(propertyPath);
      }
      compare(property.getValue(), actual, propertyPath, checked);
    }
  }
}
