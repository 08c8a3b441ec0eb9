package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest a user may copy from k8s-examples/ is accepted by the CRDs we ship. */
class ExampleManifestsTest {

  static Stream<Path> exampleFiles() {
    return Examples.files().stream();
  }

  @Test
  void theExamplesTheReadmeShowsAreThere() {
    assertThat(Examples.files())
        .map(f -> f.getFileName().toString())
        .contains(
            "camera-with-credentials.yaml",
            "camera-weekday-schedule.yaml",
            "camera-http-mjpeg.yaml",
            "retention-policy.yaml",
            "clip-request.yaml");
  }

  @ParameterizedTest
  @MethodSource("exampleFiles")
  void everyCamrecDocumentPassesItsCrdSchemaAndCelRules(Path file) {
    for (JsonNode doc : Examples.documents(file)) {
      String kind = doc.path("kind").asText();
      if (doc.path("apiVersion").asText().startsWith("camrec.dev/")) {
        assertThat(CrdValidator.forKind(kind).validateCreate(doc))
            .as("%s %s in %s", kind, doc.path("metadata").path("name").asText(), file.getFileName())
            .isEmpty();
      } else {
        assertThat(kind).as("only camrec kinds and their Secrets belong here").isEqualTo("Secret");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("exampleFiles")
  void everyCameraFindsItsCredentialsInTheSameFile(Path file) {
    List<JsonNode> docs = Examples.documents(file);
    for (JsonNode doc : docs) {
      JsonNode ref = doc.path("spec").path("source").path("credentialsSecretRef");
      if ("Camera".equals(doc.path("kind").asText()) && !ref.isMissingNode()) {
        JsonNode secret = secretNamed(docs, ref.path("name").asText());
        assertThat(secret.path("stringData").has("username")).isTrue();
        assertThat(secret.path("stringData").has("password")).isTrue();
      }
    }
  }

  @Test
  void weekdayCameraReadsAsWeekdaysInParis() {
    Camera camera =
        Serialization.unmarshal(
            Examples.toYaml(Examples.document("camera-weekday-schedule.yaml", "Camera")),
            Camera.class);

    RecordingSchedule schedule = camera.getSpec().recording().schedule();
    assertThat(ZoneId.of(schedule.timeZone())).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(schedule.windows())
        .singleElement()
        .satisfies(
            window -> {
              assertThat(window.days())
                  .containsExactly(Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI);
              assertThat(window.start()).isEqualTo("08:00");
              assertThat(window.end()).isEqualTo("20:00");
            });
    assertThat(camera.getSpec().recording().segmentSeconds())
        .as("the schema's default, applied when the spec omits it")
        .isEqualTo(60);
  }

  @Test
  void retentionPolicyReadsAsSevenDaysAndFiftyGibibytes() {
    RetentionPolicy policy =
        Serialization.unmarshal(
            Examples.toYaml(Examples.document("retention-policy.yaml", "RetentionPolicy")),
            RetentionPolicy.class);

    assertThat(policy.getSpec().maxAge()).isEqualTo("7d");
    assertThat(new Quantity(policy.getSpec().maxBytes()).getNumericalAmount().longValueExact())
        .isEqualTo(50L * 1024 * 1024 * 1024);
    assertThat(policy.getSpec().dryRun()).isFalse();
  }

  @Test
  void clipRequestReadsWithItsEnumAndTtl() {
    ClipRequest clip =
        Serialization.unmarshal(
            Examples.toYaml(Examples.document("clip-request.yaml", "ClipRequest")),
            ClipRequest.class);

    assertThat(clip.getSpec().onGap()).isEqualTo(OnGap.CONCATENATE);
    assertThat(clip.getSpec().ttl()).isEqualTo("48h");
    assertThat(Serialization.asYaml(clip)).contains("onGap: \"Concatenate\"");
  }

  @Test
  void writingACameraBackAddsNoEmptyFieldsTheUserLeftOut() {
    Camera camera =
        Serialization.unmarshal(
            Examples.toYaml(Examples.document("camera-http-mjpeg.yaml", "Camera")), Camera.class);

    String written = Serialization.asYaml(camera.getSpec());

    assertThat(written).doesNotContain("nodeSelector", "tolerations", "storage", "spool");
  }

  private static JsonNode secretNamed(List<JsonNode> docs, String name) {
    return docs.stream()
        .filter(d -> "Secret".equals(d.path("kind").asText()))
        .filter(d -> name.equals(d.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Secret " + name + " next to the Camera"));
  }
}
