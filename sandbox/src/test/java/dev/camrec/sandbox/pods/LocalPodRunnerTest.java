package dev.camrec.sandbox.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.sandbox.kube.SandboxApiServer;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPodRunnerTest {

  private static final String NS = "default";
  private static final String NAME = "yard-recorder";

  @TempDir Path dir;
  private SandboxApiServer api;
  private KubernetesClient client;
  private LocalPodRunner runner;

  @BeforeEach
  void start() {
    api = SandboxApiServer.start(List.of(), dir.resolve("kubeconfig"));
    client = api.client();
    String java = ProcessHandle.current().info().command().orElse("java");
    runner =
        LocalPodRunner.start(
            client,
            HostSettings.forRecorder(
                dir.resolve("data"),
                Map.of(
                    "fake-recorder",
                    List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FakeContainer.class.getName()))));
  }

  @AfterEach
  void stop() {
    runner.close();
    api.close();
  }

  @Test
  void runsTheContainerWithItsSecretAndReportsReadiness() throws Exception {
    createSecret();
    client.apps().deployments().resource(deployment(1)).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Deployment d = client.apps().deployments().inNamespace(NS).withName(NAME).get();
              assertThat(d.getStatus()).isNotNull();
              assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
              assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(1);
              assertThat(d.getStatus().getObservedGeneration())
                  .isEqualTo(d.getMetadata().getGeneration());
              assertThat(d.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Available");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
            });
    Pod pod = onlyPod();
    assertThat(pod.getMetadata().getLabels()).containsEntry("camrec.dev/camera", "yard");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo(NAME));
    ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
    assertThat(container.getReady()).isTrue();
    assertThat(container.getState().getRunning()).isNotNull();
    assertThat(startedFiles(pod))
        .singleElement()
        .satisfies(f -> assertThat(read(f)).isEqualTo("s3cret"));
  }

  @Test
  void missingSecretIsACreateContainerConfigErrorUntilTheSecretAppears() throws Exception {
    client.apps().deployments().resource(deployment(1)).create();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              ContainerStatus container = onlyPod().getStatus().getContainerStatuses().get(0);
              assertThat(container.getState().getWaiting().getReason())
                  .isEqualTo("CreateContainerConfigError");
              assertThat(container.getState().getWaiting().getMessage())
                  .isEqualTo("secret \"yard-camera\" not found");
            });
    assertThat(startedFiles(onlyPod())).isEmpty();

    createSecret();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(onlyPod().getStatus().getContainerStatuses().get(0).getReady())
                    .isTrue());
  }

  @Test
  void scalingToZeroStopsTheProcessWithSigtermAndRemovesThePod() {
    Pod pod = readyPod();

    client.apps().deployments().inNamespace(NS).withName(NAME).scale(0);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(Files.exists(spool(pod).resolve("stopped-cleanly"))).isTrue();
              assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
              Deployment d = client.apps().deployments().inNamespace(NS).withName(NAME).get();
              assertThat(d.getStatus().getReplicas()).isNull();
              assertThat(d.getStatus().getObservedGeneration())
                  .isEqualTo(d.getMetadata().getGeneration());
            });
  }

  @Test
  void aContainerThatDiesIsRestartedAndCounted() throws Exception {
    Pod pod = readyPod();

    endProcess(runnerPort(pod), "/crash", "");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus container = onlyPod().getStatus().getContainerStatuses().get(0);
              assertThat(container.getRestartCount()).isEqualTo(1);
              assertThat(container.getLastState().getTerminated().getExitCode()).isEqualTo(3);
              assertThat(container.getReady()).isTrue();
            });
    assertThat(startedFiles(pod)).hasSize(2);
  }

  @Test
  void whatTheContainerLeavesInItsTerminationLogBecomesItsLastStateMessage() throws Exception {
    Pod pod = readyPod();
    Path log = podDir(pod).resolve("termination-log");
    assertThat(processEnv(pod, "CAMREC_TERMINATION_LOG")).isEqualTo(log.toString());
    String json =
        new TerminationMessage(TerminationMessage.AUDIO_CODEC_NOT_STORABLE, "set audio to aac")
            .toJson();

    endProcess(runnerPort(pod), "/fail", json);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus container = onlyPod().getStatus().getContainerStatuses().get(0);
              assertThat(container.getRestartCount()).isEqualTo(1);
              assertThat(container.getLastState().getTerminated().getExitCode()).isEqualTo(1);
              assertThat(container.getLastState().getTerminated().getReason()).isEqualTo("Error");
              assertThat(container.getLastState().getTerminated().getMessage()).isEqualTo(json);
              assertThat(container.getReady()).isTrue();
            });
    // The restarted container found an empty log: nothing of its last run can be taken for its own.
    assertThat(Files.readString(log)).isEmpty();

    // Longer than the kubelet keeps: cut to 4096 bytes.
    endProcess(runnerPort(pod), "/fail", "x".repeat(5000));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ContainerStatus container = onlyPod().getStatus().getContainerStatuses().get(0);
              assertThat(container.getRestartCount()).isEqualTo(2);
              assertThat(container.getLastState().getTerminated().getMessage())
                  .isEqualTo("x".repeat(4096));
            });
  }

  @Test
  void deletingTheDeploymentStopsItsProcess() {
    Pod pod = readyPod();

    client.apps().deployments().inNamespace(NS).withName(NAME).delete();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(Files.exists(spool(pod).resolve("stopped-cleanly"))).isTrue();
              assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
              assertThat(runner.podName(NS, NAME)).isEqualTo(Optional.empty());
            });
  }

  /** The Secret and the Deployment created, the pod once it is ready. */
  private Pod readyPod() {
    createSecret();
    client.apps().deployments().resource(deployment(1)).create();
    await().atMost(Duration.ofSeconds(30)).until(() -> readyReplicas() == 1);
    return onlyPod();
  }

  private void createSecret() {
    client
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("yard-camera")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("password", "s3cret")
                .build())
        .create();
  }

  private static Deployment deployment(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .withUid("uid-1")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("camrec.dev/camera", "yard")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("camrec.dev/camera", "yard")
        .endMetadata()
        .withNewSpec()
        .withTerminationGracePeriodSeconds(10L)
        .addNewContainer()
        .withName("recorder")
        .withImage("camrec/recorder-sidecar")
        .withCommand("fake-recorder")
        .addNewEnv()
        .withName("CAMREC_HTTP_PORT")
        .withValue("8080")
        .endEnv()
        .addNewEnv()
        .withName("CAMREC_SPOOL_DIR")
        .withValue("/spool")
        .endEnv()
        .addNewEnv()
        .withName("CAMREC_SOURCE_PASSWORD")
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName("yard-camera")
        .withKey("password")
        .endSecretKeyRef()
        .endValueFrom()
        .endEnv()
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/readyz")
        .withNewPort("http")
        .endHttpGet()
        .endReadinessProbe()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private int readyReplicas() {
    Deployment d = client.apps().deployments().inNamespace(NS).withName(NAME).get();
    return d.getStatus() == null || d.getStatus().getReadyReplicas() == null
        ? 0
        : d.getStatus().getReadyReplicas();
  }

  private Pod onlyPod() {
    List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
    assertThat(pods).hasSize(1);
    return pods.get(0);
  }

  private Path podDir(Pod pod) {
    return dir.resolve("data").resolve("pods").resolve(NS).resolve(pod.getMetadata().getName());
  }

  private Path spool(Pod pod) {
    return podDir(pod).resolve("spool");
  }

  private List<Path> startedFiles(Pod pod) throws IOException {
    if (!Files.isDirectory(spool(pod))) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(spool(pod))) {
      return files.filter(f -> f.getFileName().toString().startsWith("started-")).toList();
    }
  }

  /**
   * An env value the newest process of the pod was given; the spool's started- file names it by
   * pid.
   */
  private String processEnv(Pod pod, String name) throws IOException {
    long pid =
        startedFiles(pod).stream()
            .mapToLong(
                f -> Long.parseLong(f.getFileName().toString().substring("started-".length())))
            .filter(p -> ProcessHandle.of(p).isPresent())
            .findFirst()
            .orElseThrow();
    String environ = Files.readString(Path.of("/proc", String.valueOf(pid), "environ"));
    for (String entry : environ.split("\0")) {
      if (entry.startsWith(name + "=")) {
        return entry.substring(name.length() + 1);
      }
    }
    throw new IllegalStateException("no " + name + " in the process env");
  }

  /** The host port is the one the process was given. */
  private int runnerPort(Pod pod) throws IOException {
    return Integer.parseInt(processEnv(pod, "CAMREC_HTTP_PORT"));
  }

  /** Asks the FakeContainer at {@code path} to end itself; {@code body} is what it is to leave. */
  private static void endProcess(int port, String path, String body) throws Exception {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException expectedWhenTheProcessHalts) {
      // The process may die before the response is read.
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
