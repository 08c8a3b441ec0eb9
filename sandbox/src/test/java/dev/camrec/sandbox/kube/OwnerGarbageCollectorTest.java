package dev.camrec.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerGarbageCollectorTest {

  private static final Path CRDS = Path.of("..", "crds");

  @TempDir Path dir;
  private SandboxApiServer api;

  @BeforeEach
  void start() {
    api = SandboxApiServer.start(SandboxApiServer.crdFilesIn(CRDS), dir.resolve("kubeconfig"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void deletesDependentsWhoseOwnerIsGoneOrReplacedAndKeepsTheRest() {
    GenericKubernetesResource yard = createCamera("yard");
    GenericKubernetesResource gate = createCamera("gate");
    api.client().resource(ownedBy("yard-recorder", "yard", yard.getMetadata().getUid())).create();
    api.client().resource(ownedBy("gate-recorder", "gate", "uid-of-an-older-gate")).create();
    api.client().resource(ownedBy("dock-recorder", "dock", "uid-of-a-deleted-dock")).create();
    api.client()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("unowned")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();

    // Not started: one pass, on this thread.
    OwnerGarbageCollector gc = new OwnerGarbageCollector(api.client());

    assertThat(gc.collect())
        .containsExactlyInAnyOrder("default/gate-recorder", "default/dock-recorder");
    assertThat(api.client().apps().deployments().inNamespace("default").list().getItems())
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder("yard-recorder", "unowned");
    assertThat(gate.getMetadata().getUid()).isNotEqualTo("uid-of-an-older-gate");
  }

  private GenericKubernetesResource createCamera(String name) {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
    camera.setAdditionalProperty(
        "spec", Map.of("source", Map.of("url", "rtsp://127.0.0.1:1/" + name)));
    return api.client().resource(camera).create();
  }

  private static Deployment ownedBy(String name, String camera, String uid) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .addNewOwnerReference()
        .withApiVersion("camrec.dev/v1alpha1")
        .withKind("Camera")
        .withName(camera)
        .withUid(uid)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .endSpec()
        .build();
  }
}
