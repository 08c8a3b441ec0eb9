package dev.camrec.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Applies k8s-examples/ to the sandbox with each Camera pointed at a simulated camera of the same
 * protocol (the examples name cameras on someone's LAN) and with short segments, so a newcomer sees
 * recordings within seconds; and each RetentionPolicy run every minute instead of its own schedule,
 * so {@code kubectl get retentionpolicies} shows a run within a minute.
 */
final class ExampleManifests {

  /** Simulated camera URLs by role: RTSP with the example's credentials, plain RTSP, HTTP MJPEG. */
  record CameraUrls(URI rtspWithCredentials, URI rtsp, URI http) {}

  static final int SANDBOX_SEGMENT_SECONDS = 10;

  static final String SANDBOX_RETENTION_SCHEDULE = "* * * * *";

  /** The example ClipRequest's length in the sandbox. */
  static final java.time.Duration CLIP_LENGTH = java.time.Duration.ofMinutes(1);

  private ExampleManifests() {}

  static List<String> apply(
      KubernetesClient client, Path folder, CameraUrls cameras, String namespace) {
    List<String> applied = new ArrayList<>();
    for (Path file : yamlFiles(folder)) {
      for (HasMetadata object : load(client, file)) {
        if (object instanceof GenericKubernetesResource resource
            && "Camera".equals(resource.getKind())) {
          pointAtSimulatedCamera(resource, cameras);
        }
        if (object instanceof GenericKubernetesResource resource
            && "RetentionPolicy".equals(resource.getKind())) {
          runEveryMinute(resource);
        }
        if (object instanceof GenericKubernetesResource resource
            && "ClipRequest".equals(resource.getKind())) {
          clipTheFirstMinute(resource, Instant.now());
        }
        object.getMetadata().setNamespace(namespace);
        client.resource(object).createOr(existing -> existing.update());
        applied.add(object.getKind() + "/" + object.getMetadata().getName());
      }
    }
    return applied;
  }

  @SuppressWarnings("unchecked")
  private static void pointAtSimulatedCamera(GenericKubernetesResource camera, CameraUrls cameras) {
    Map<String, Object> spec = (Map<String, Object>) camera.getAdditionalProperties().get("spec");
    Map<String, Object> source = (Map<String, Object>) spec.get("source");
    String url = String.valueOf(source.get("url"));
    URI simulated =
        url.startsWith("http")
            ? cameras.http()
            : source.containsKey("credentialsSecretRef")
                ? cameras.rtspWithCredentials()
                : cameras.rtsp();
    source.put("url", simulated.toString());
    Map<String, Object> recording =
        (Map<String, Object>)
            spec.computeIfAbsent("recording", k -> new java.util.LinkedHashMap<>());
    recording.put("segmentSeconds", SANDBOX_SEGMENT_SECONDS);
  }

  @SuppressWarnings("unchecked")
  private static void runEveryMinute(GenericKubernetesResource policy) {
    ((Map<String, Object>) policy.getAdditionalProperties().get("spec"))
        .put("schedule", SANDBOX_RETENTION_SCHEDULE);
  }

  /**
   * The example's clip is of a day long past; in the sandbox it becomes the first minute the
   * cameras record, from now: it is cut about one segment and the upload allowance after that
   * minute ends (WaitingForRecording until then), and its downloadUrl points at the sandbox's S3.
   */
  @SuppressWarnings("unchecked")
  static void clipTheFirstMinute(GenericKubernetesResource clip, Instant now) {
    Map<String, Object> spec = (Map<String, Object>) clip.getAdditionalProperties().get("spec");
    Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(5);
    spec.put("start", start.toString());
    spec.put("end", start.plus(CLIP_LENGTH).toString());
  }

  private static List<HasMetadata> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
