package dev.camrec.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl (on PATH) against the sandbox API with the committed CRDs. */
class SandboxApiServerKubectlTest {

  private static final Path CRDS = Path.of("..", "crds");

  @TempDir Path dir;
  private SandboxApiServer api;
  private Kubectl kubectl;

  @BeforeEach
  void start() {
    api = SandboxApiServer.start(SandboxApiServer.crdFilesIn(CRDS), dir.resolve("kubeconfig"));
    kubectl = new Kubectl(api.kubeconfig(), dir.resolve("kube-cache"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void getCrdListsOurCustomResources() throws Exception {
    Kubectl.Result result = kubectl.run("get", "crd");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("cameras.camrec.dev", "cliprequests.camrec.dev", "retentionpolicies.camrec.dev");
  }

  @Test
  void applyThenGetCamerasShowsPrinterColumnsFromStatus() throws Exception {
    Path manifest = dir.resolve("camera.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "apiVersion: camrec.dev/v1alpha1",
            "kind: Camera",
            "metadata:",
            "  name: front-door",
            "spec:",
            "  source:",
            "    url: rtsp://127.0.0.1:8554/cam",
            ""));

    Kubectl.Result applied = kubectl.run("apply", "--validate=false", "-f", manifest.toString());
    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    assertThat(applied.stdout()).contains("camera.camrec.dev/front-door created");

    GenericKubernetesResource camera =
        api.client()
            .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
            .inNamespace("default")
            .withName("front-door")
            .get();
    Instant lastSegment =
        Instant.now().minus(90, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
    camera.setAdditionalProperty(
        "status",
        Map.of(
            "lastSegmentTime", lastSegment.toString(),
            "conditions",
                List.of(
                    Map.of("type", "Ready", "status", "True", "reason", "RecorderReady"),
                    Map.of("type", "Recording", "status", "False", "reason", "Scheduled"))));
    api.client().resource(camera).updateStatus();

    long ageBefore = Duration.between(lastSegment, Instant.now()).toSeconds();
    Kubectl.Result table = kubectl.run("get", "cameras");
    long ageAfter = Duration.between(lastSegment, Instant.now()).toSeconds();

    assertThat(table.exitCode()).as(table.stderr()).isZero();
    List<String> lines = table.stdout().lines().toList();
    assertThat(lines.get(0).split("\\s{2,}"))
        .containsExactly("NAME", "READY", "REASON", "RECORDING", "LAST SEGMENT", "AGE");
    String[] row = lines.get(1).split("\\s+");
    assertThat(row).containsExactly("front-door", "True", "RecorderReady", "False", row[4], row[5]);
    // LAST SEGMENT is an age: whole seconds between lastSegmentTime and the moment it was rendered.
    assertThat(row[4]).matches("\\d+s");
    assertThat(Long.parseLong(row[4].replace("s", ""))).isBetween(ageBefore, ageAfter);
    assertThat(row[5]).matches("\\d+s");

    Files.writeString(manifest, Files.readString(manifest).replace("8554/cam", "8555/cam"));
    Kubectl.Result reapplied = kubectl.run("apply", "--validate=false", "-f", manifest.toString());
    assertThat(reapplied.exitCode()).as(reapplied.stderr()).isZero();
    assertThat(reapplied.stdout()).contains("camera.camrec.dev/front-door configured");
    assertThat(
            kubectl.run("get", "cam", "front-door", "-o", "jsonpath={.spec.source.url}").stdout())
        .isEqualTo("rtsp://127.0.0.1:8555/cam");
  }

  @Test
  void describeCameraShowsItsOwnEvents() throws Exception {
    Path manifest = dir.resolve("cameras.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "apiVersion: camrec.dev/v1alpha1",
            "kind: Camera",
            "metadata:",
            "  name: porch",
            "spec:",
            "  source:",
            "    url: rtsp://127.0.0.1:8554/cam",
            "---",
            "apiVersion: camrec.dev/v1alpha1",
            "kind: Camera",
            "metadata:",
            "  name: garden",
            "spec:",
            "  source:",
            "    url: rtsp://127.0.0.1:8554/cam",
            ""));
    Kubectl.Result applied = kubectl.run("apply", "--validate=false", "-f", manifest.toString());
    assertThat(applied.exitCode()).as(applied.stderr()).isZero();
    for (String camera : List.of("porch", "garden")) {
      String uid =
          api.client()
              .genericKubernetesResources("camrec.dev/v1alpha1", "Camera")
              .inNamespace("default")
              .withName(camera)
              .get()
              .getMetadata()
              .getUid();
      api.client()
          .v1()
          .events()
          .inNamespace("default")
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(camera + ".1")
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withApiVersion("camrec.dev/v1alpha1")
                  .withKind("Camera")
                  .withName(camera)
                  .withNamespace("default")
                  .withUid(uid)
                  .endInvolvedObject()
                  .withType("Warning")
                  .withReason("CameraUnreachable-" + camera)
                  .withMessage("Nothing answers at " + camera)
                  .withCount(1)
                  .withLastTimestamp(Instant.now().toString())
                  .build())
          .create();
    }

    Kubectl.Result described = kubectl.run("describe", "camera", "porch");

    assertThat(described.exitCode()).as(described.stderr()).isZero();
    assertThat(described.stdout())
        .contains("CameraUnreachable-porch")
        .doesNotContain("CameraUnreachable-garden")
        .doesNotContain("Events:  <none>");
  }

  @Test
  void shortNameWithYamlOutputReturnsTheStoredObject() throws Exception {
    GenericKubernetesResource camera = new GenericKubernetesResource();
    camera.setApiVersion("camrec.dev/v1alpha1");
    camera.setKind("Camera");
    camera.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("yard")
            .withNamespace("default")
            .build());
    camera.setAdditionalProperty(
        "spec", Map.of("source", Map.of("url", "http://127.0.0.1:8081/mjpeg")));
    api.client().resource(camera).create();

    Kubectl.Result yaml = kubectl.run("get", "cam", "yard", "-o", "yaml");

    assertThat(yaml.exitCode()).as(yaml.stderr()).isZero();
    assertThat(yaml.stdout())
        .contains("kind: Camera", "name: yard", "url: http://127.0.0.1:8081/mjpeg");
  }

  @Test
  void podsAndDeploymentsPrintTheColumnsOfARealCluster() throws Exception {
    api.client()
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("recorder-yard-0")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("recorder")
                .withImage("camrec/recorder")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .addNewContainerStatus()
                .withName("recorder")
                .withReady(false)
                .withRestartCount(2)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
    api.client()
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata()
                .withName("yard-recorder")
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .endSpec()
                .withNewStatus()
                .withReplicas(1)
                .withUpdatedReplicas(1)
                .endStatus()
                .build())
        .create();

    Kubectl.Result pods = kubectl.run("get", "pods");
    Kubectl.Result deployments = kubectl.run("get", "deployments");
    Kubectl.Result secrets = kubectl.run("get", "secrets");

    assertThat(pods.exitCode()).as(pods.stderr()).isZero();
    List<String> podLines = pods.stdout().lines().toList();
    assertThat(podLines.get(0).split("\\s+"))
        .containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    assertThat(podLines.get(1).split("\\s+"))
        .startsWith("recorder-yard-0", "0/1", "CrashLoopBackOff", "2");
    List<String> deploymentLines = deployments.stdout().lines().toList();
    assertThat(deploymentLines.get(0).split("\\s+"))
        .containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    assertThat(deploymentLines.get(1).split("\\s+")).startsWith("yard-recorder", "0/1", "1", "0");
    assertThat(secrets.exitCode()).as(secrets.stderr()).isZero();
  }

  @Test
  void everyoneMayDoEverythingAsAskedByLeaderElection() throws Exception {
    Kubectl.Result canI = kubectl.run("auth", "can-i", "create", "leases");

    assertThat(canI.stdout().trim()).as(canI.stderr()).isEqualTo("yes");
    var review =
        api.client()
            .authorization()
            .v1()
            .selfSubjectRulesReview()
            .create(
                new io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder()
                    .withNewSpec()
                    .withNamespace("default")
                    .endSpec()
                    .build());
    assertThat(review.getStatus().getResourceRules())
        .singleElement()
        .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("*"));
  }

  @Test
  void kubectlLineNamesTheKubeconfig() {
    assertThat(api.kubectlLine("get cameras"))
        .isEqualTo(
            "kubectl --kubeconfig " + dir.resolve("kubeconfig").toAbsolutePath() + " get cameras");
  }
}
