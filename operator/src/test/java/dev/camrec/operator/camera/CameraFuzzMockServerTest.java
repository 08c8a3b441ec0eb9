package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.api.Camera;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.MockApiServer;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.ReconcileOutcomes;
import dev.camrec.testbed.s3.EmbeddedS3;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras as an API server without our schema stores them ({@link CameraFuzz}), created and updated
 * in random order against the real Camera controller: afterwards the operator is healthy, every
 * Camera has a Ready reason a person can act on, the valid ones have their recorder, and no
 * reconcile is failing. About 100 Cameras here; bench/operator-fuzz.sh runs 1,000. Replay a run
 * with {@code -Dcamrec.fuzz.seed=<seed printed>}.
 */
class CameraFuzzMockServerTest {

  private static final int CAMERAS = Integer.getInteger("camrec.fuzz.cameras", 100);
  private static final double INVALID_SHARE =
      Double.parseDouble(System.getProperty("camrec.fuzz.invalid-share", "0.5"));
  private static final Duration SETTLE =
      Duration.ofSeconds(Long.getLong("camrec.fuzz.settle-seconds", 90));
  private static final String NS = "fuzz";
  private static final ResourceDefinitionContext CAMERA_KIND =
      new ResourceDefinitionContext.Builder()
          .withGroup(Camera.GROUP)
          .withVersion(Camera.VERSION)
          .withKind("Camera")
          .withPlural("cameras")
          .withNamespaced(true)
          .build();

  @TempDir Path s3Data;

  @Test
  void everyCameraEndsWithAStatusAPersonCanActOn() throws Exception {
    long seed = Long.getLong("camrec.fuzz.seed", System.nanoTime());
    System.out.printf("FUZZ seed=%d (replay: -Dcamrec.fuzz.seed=%d)%n", seed, seed);
    // The mock server logs every request at INFO; at this scale that is most of the CPU.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger.getLogger("org.gaul").setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server = MockApiServer.start();
    try (KubernetesClient client = server.createClient();
        EmbeddedS3 s3 = EmbeddedS3.start(s3Data)) {
      MockApiServer.loadCrds(client, "cameras.camrec.dev-v1.yml");
      secret(
          client,
          "camrec-storage",
          Map.of("accessKey", s3.accessKey(), "secretKey", s3.secretKey()));
      secret(client, CameraFuzz.CAMERA_SECRET, Map.of("username", "u", "password", "p"));
      OperatorSettings settings =
          new OperatorSettings(
              "recorder:fuzz",
              "IfNotPresent",
              List.of(),
              "1Gi",
              30,
              10,
              Duration.ofSeconds(2),
              s3.endpoint().toString(),
              "us-east-1",
              "fuzz",
              "camrec-storage",
              true,
              Duration.ofSeconds(10));
      ReconcileOutcomes outcomes = new ReconcileOutcomes();
      try (StorageProbe probe = new StorageProbe(settings.minPollInterval());
          FakeDeploymentController fake = new FakeDeploymentController(client);
          OperatorUnderTest operator = OperatorUnderTest.start(client, settings, probe, outcomes)) {
        long t0 = System.nanoTime();
        Map<String, CameraFuzz.Case> expected =
            applyInRandomOrder(client, new CameraFuzz(seed, INVALID_SHARE));
        long applied = System.nanoTime();
        List<String> unsettled = List.of();
        try {
          await()
              .atMost(SETTLE)
              .pollInterval(Duration.ofMillis(500))
              .until(() -> unsettled(client, expected), List::isEmpty);
        } catch (ConditionTimeoutException e) {
          unsettled = unsettled(client, expected);
        }
        long settled = System.nanoTime();
        assertThat(unsettled)
            .as("Cameras not as expected after %s, seed %d", SETTLE, seed)
            .isEmpty();
        assertThat(outcomes.failingNow()).as("reconciles failing now, seed %d", seed).isEmpty();
        assertThat(operator.healthy()).as("every informer running, seed %d", seed).isTrue();
        // Invalid specs and disabled Cameras: all that must not end RecorderReady.
        long notReady =
            expected.values().stream()
                .filter(c -> !c.readyReasons().contains("RecorderReady"))
                .count();
        System.out.printf(
            "FUZZ seed=%d cameras=%d notRecorderReady=%d apply=%.1fs settled=%.1fs reconciles=%d"
                + " failedReconciles=%d%n",
            seed,
            CAMERAS,
            notReady,
            (applied - t0) / 1e9,
            (settled - t0) / 1e9,
            outcomes.reconciles(),
            outcomes.failures());
      }
    } finally {
      server.destroy();
    }
  }

  /** Creates CAMERAS Cameras and updates half as many, interleaved; returns the final cases. */
  private static Map<String, CameraFuzz.Case> applyInRandomOrder(
      KubernetesClient client, CameraFuzz fuzz) {
    Random random = fuzz.random();
    Map<String, CameraFuzz.Case> current = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    int updates = CAMERAS / 2;
    while (names.size() < CAMERAS || updates > 0) {
      CameraFuzz.Case next = fuzz.next();
      boolean create =
          names.size() < CAMERAS && (names.isEmpty() || updates == 0 || random.nextInt(3) > 0);
      if (create) {
        String name = "cam-" + names.size();
        GenericKubernetesResource camera = new GenericKubernetesResource();
        camera.setApiVersion(Camera.GROUP + "/" + Camera.VERSION);
        camera.setKind("Camera");
        camera.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        setSpec(camera, next.spec());
        client.genericKubernetesResources(CAMERA_KIND).inNamespace(NS).resource(camera).create();
        names.add(name);
        current.put(name, next);
      } else {
        String name = names.get(random.nextInt(names.size()));
        // A JSON Patch without the resourceVersion, so the operator's status patches in between
        // never make it conflict; "add" replaces a spec that is there.
        Object patch =
            next.spec() != null
                ? Map.of("op", "add", "path", "/spec", "value", next.spec())
                : current.get(name).spec() != null ? Map.of("op", "remove", "path", "/spec") : null;
        if (patch != null) {
          client
              .genericKubernetesResources(CAMERA_KIND)
              .inNamespace(NS)
              .withName(name)
              .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(List.of(patch)));
        }
        current.put(name, next);
        updates--;
      }
    }
    return current;
  }

  private static void setSpec(GenericKubernetesResource camera, Object spec) {
    if (spec == null) {
      camera.getAdditionalProperties().remove("spec");
    } else {
      camera.getAdditionalProperties().put("spec", spec);
    }
  }

  /** Each Camera whose status or recorder is not yet what its case expects, and why. */
  private static List<String> unsettled(
      KubernetesClient client, Map<String, CameraFuzz.Case> expected) {
    Map<String, Camera> cameras =
        client.resources(Camera.class).inNamespace(NS).list().getItems().stream()
            .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
    Set<String> recorders =
        client.apps().deployments().inNamespace(NS).list().getItems().stream()
            .map(Deployment::getMetadata)
            .map(m -> m.getOwnerReferences().get(0).getName())
            .collect(Collectors.toSet());
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (name, c) -> {
          Camera camera = cameras.get(name);
          String reason =
              camera == null || camera.getStatus() == null
                  ? null
                  : Conditions.find(camera.getStatus().conditions(), "Ready")
                      .map(r -> r.getReason())
                      .orElse(null);
          boolean current =
              camera != null
                  && camera.getStatus() != null
                  && Objects.equals(
                      camera.getStatus().observedGeneration(),
                      camera.getMetadata().getGeneration());
          if (!current || !c.readyReasons().contains(reason)) {
            wrong.add(
                name
                    + " ("
                    + c.kind()
                    + "): Ready reason "
                    + reason
                    + ", want "
                    + c.readyReasons());
          } else if (c.deployment() != null && c.deployment() != recorders.contains(name)) {
            wrong.add(name + " (" + c.kind() + "): recorder Deployment exists: " + !c.deployment());
          }
        });
    return wrong;
  }

  private static void secret(KubernetesClient client, String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build())
                .withStringData(data)
                .build())
        .create();
  }
}
