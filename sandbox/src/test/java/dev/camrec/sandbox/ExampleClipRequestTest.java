package dev.camrec.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleClipRequestTest {

  @Test
  void theExampleClipBecomesTheFirstMinuteTheSandboxRecords() throws Exception {
    Path example = Path.of("..", "k8s-examples", "clip-request.yaml");
    GenericKubernetesResource clip =
        Serialization.unmarshal(Files.readString(example), GenericKubernetesResource.class);
    Instant now = Instant.parse("2026-12-01T23:20:41.250Z");

    ExampleManifests.clipTheFirstMinute(clip, now);

    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) clip.getAdditionalProperties().get("spec");
    assertThat(spec)
        .containsEntry("start", "2026-12-01T23:20:46Z")
        .containsEntry("end", "2026-12-01T23:21:46Z")
        .containsEntry("camera", "front-door");
  }
}
