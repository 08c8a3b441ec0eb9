package dev.camrec.operator.camera;

import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.api.CameraSource;
import dev.camrec.api.CameraSpec;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/operator-1000-cameras: create N Cameras against the CRUD mock server and measure the time
 * until every Deployment exists and every status says the recorder is ready, the reconcile rate,
 * and peak RSS. Not a test (no assertions on speed); run with {@code ./mvnw -B -q -pl operator -am
 * test -Dtest=ThousandCamerasBench -Dsurefire.failIfNoSpecifiedTests=false}. The mock server,
 * s3proxy and the fake Deployment controller share the JVM, so the RSS is an upper bound for the
 * operator.
 */
class ThousandCamerasBench {

  private static final int CAMERAS = Integer.getInteger("camrec.bench.cameras", 1000);
  private static final String NS = "bench";

  @TempDir Path s3Data;

  @Test
  void thousandCameras() throws Exception {
    // The mock server logs every request at INFO; at this scale that is most of the CPU.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("org.gaul").setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    try (KubernetesClient client = server.createClient();
        EmbeddedS3 s3 = EmbeddedS3.start(s3Data)) {
      Path crd = Path.of(System.getProperty("camrec.crds.committed"), "cameras.camrec.dev-v1.yml");
      try (InputStream in = Files.newInputStream(crd)) {
        client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
      }
      client
          .resource(
              new SecretBuilder()
                  .withMetadata(
                      new ObjectMetaBuilder().withName("camrec-storage").withNamespace(NS).build())
                  .withStringData(Map.of("accessKey", s3.accessKey(), "secretKey", s3.secretKey()))
                  .build())
          .create();
      OperatorSettings settings =
          new OperatorSettings(
              "recorder:bench",
              "IfNotPresent",
              List.of(),
              "2Gi",
              30,
              10,
              Duration.ofSeconds(2),
              s3.endpoint().toString(),
              "us-east-1",
              "bench",
              "camrec-storage",
              true,
              Duration.ofSeconds(10));
      CameraReconcilerMockServerTest.CountingProbe probe =
          new CameraReconcilerMockServerTest.CountingProbe(settings.minPollInterval());
      try (FakeDeploymentController fake = new FakeDeploymentController(client);
          OperatorUnderTest operator = OperatorUnderTest.start(client, settings, probe)) {
        long t0 = System.nanoTime();
        for (int i = 0; i < CAMERAS; i++) {
          Camera c = new Camera();
          c.setMetadata(new ObjectMetaBuilder().withName("cam-" + i).withNamespace(NS).build());
          c.setSpec(
              new CameraSpec(
                  new CameraSource("rtsp://10.9." + (i / 250) + "." + (i % 250) + "/s", null),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null));
          client.resource(c).create();
        }
        long created = System.nanoTime();
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    client.apps().deployments().inNamespace(NS).list().getItems().size()
                        >= CAMERAS);
        long deployments = System.nanoTime();
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    client.resources(Camera.class).inNamespace(NS).list().getItems().stream()
                            .filter(
                                c ->
                                    c.getStatus() != null
                                        && c.getStatus().conditions().stream()
                                            .anyMatch(
                                                x ->
                                                    x.getType().equals("Ready")
                                                        && "RecorderReady".equals(x.getReason())))
                            .count()
                        >= CAMERAS);
        long statuses = System.nanoTime();
        int reconciles = probe.totalCalls();
        System.out.printf(
            "BENCH cameras=%d create=%.1fs allDeployments=%.1fs allStatusesReady=%.1fs reconciles=%d"
                + " reconcilesPerSecond=%.0f peakRssMiB=%d%n",
            CAMERAS,
            seconds(created - t0),
            seconds(deployments - t0),
            seconds(statuses - t0),
            reconciles,
            reconciles / seconds(statuses - t0),
            peakRssKib() / 1024);
      }
      probe.close();
    } finally {
      server.destroy();
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static long peakRssKib() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(l -> l.startsWith("VmHWM:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1L);
  }
}
