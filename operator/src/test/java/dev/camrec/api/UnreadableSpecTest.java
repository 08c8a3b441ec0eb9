package dev.camrec.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class UnreadableSpecTest {

  private final KubernetesSerialization json = new KubernetesSerialization();

  private Camera camera(String spec) {
    return json.unmarshal(
        "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"Camera\",\"metadata\":{\"name\":\"c\"},"
            + "\"spec\":"
            + spec
            + "}",
        Camera.class);
  }

  @Test
  void wrongTypeNamesTheFieldAndWhatItMustBe() {
    Camera c =
        camera(
            "{\"source\":{\"url\":\"rtsp://cam/s\"},\"recording\":{\"segmentSeconds\":\"ten\"}}");

    assertThat(c.getSpec()).isNull();
    assertThat(c.unreadableSpec())
        .contains(
            new UnreadableSpec(
                "spec.recording.segmentSeconds",
                "spec.recording.segmentSeconds must be a whole number"));
  }

  @Test
  void unknownEnumValueListsTheAllowedOnes() {
    Camera c = camera("{\"source\":{\"url\":\"rtsp://cam/s\"},\"recording\":{\"audio\":\"mp3\"}}");

    assertThat(c.unreadableSpec().orElseThrow().message())
        .isEqualTo("spec.recording.audio must be one of copy, aac, none");
  }

  @Test
  void theValueIsNeverRepeated() {
    Camera c =
        camera(
            "{\"source\":{\"url\":\"rtsp://cam/s\",\"credentialsSecretRef\":\"admin:hunter2\"}}");

    assertThat(c.unreadableSpec().orElseThrow().field())
        .isEqualTo("spec.source.credentialsSecretRef");
    assertThat(c.unreadableSpec().orElseThrow().message()).doesNotContain("hunter2");
  }

  @Test
  void listIndexIsInThePath() {
    Camera c =
        camera(
            "{\"source\":{\"url\":\"rtsp://cam/s\"},\"recording\":{\"schedule\":{\"windows\":"
                + "[{\"start\":\"08:00\",\"end\":\"09:00\"},{\"start\":[],\"end\":\"10:00\"}]}}}");

    assertThat(c.unreadableSpec().orElseThrow().message())
        .isEqualTo("spec.recording.schedule.windows[1].start must be a string");
  }

  @Test
  void aCopyThroughJsonIsUnreadableToo() {
    Camera c =
        camera("{\"source\":{\"url\":\"rtsp://cam/s\"},\"recording\":{\"enabled\":\"yes\"}}");

    String written = json.asJson(c);
    Camera copy = json.unmarshal(written, Camera.class);

    assertThat(written).contains("\"enabled\":\"yes\"");
    assertThat(copy.unreadableSpec()).isEqualTo(c.unreadableSpec()).isPresent();
  }

  @Test
  void policiesAndClipRequestsAreReadLenientlyToo() {
    RetentionPolicy policy =
        json.unmarshal(
            "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"RetentionPolicy\","
                + "\"metadata\":{\"name\":\"p\"},\"spec\":{\"dryRun\":\"maybe\"}}",
            RetentionPolicy.class);
    ClipRequest clip =
        json.unmarshal(
            "{\"apiVersion\":\"camrec.dev/v1alpha1\",\"kind\":\"ClipRequest\","
                + "\"metadata\":{\"name\":\"c\"},\"spec\":{\"camera\":[\"a\"]}}",
            ClipRequest.class);

    assertThat(policy.unreadableSpec().orElseThrow().message())
        .isEqualTo("spec.dryRun must be true or false");
    assertThat(clip.unreadableSpec().orElseThrow().message())
        .isEqualTo("spec.camera must be a string");
  }

  @Test
  void readableSpecIgnoresUnknownFieldsAndRoundTrips() {
    Camera c =
        camera(
            "{\"source\":{\"url\":\"rtsp://cam/s\",\"colour\":\"red\"},\"recording\":{\"segmentSeconds\":10}}");

    assertThat(c.unreadableSpec()).isEmpty();
    assertThat(c.getSpec().recording().segmentSeconds()).isEqualTo(10);
    assertThat(json.asJson(c)).contains("\"segmentSeconds\":10").doesNotContain("unreadable");
  }
}
