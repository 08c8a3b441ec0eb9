package dev.camrec.sandbox.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.operator.common.JobOutcome;
import dev.camrec.sandbox.kube.OwnerGarbageCollector;
import dev.camrec.sandbox.kube.SandboxApiServer;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJobRunnerTest {

  private static final String NS = "default";
  private static final String NAME = "yard-clip";
  private static final String CONTAINER = "clip";

  @TempDir Path dir;
  private SandboxApiServer api;
  private KubernetesClient client;
  private LocalJobRunner runner;
  private OwnerGarbageCollector gc;

  @BeforeEach
  void start() {
    api = SandboxApiServer.start(List.of(), dir.resolve("kubeconfig"));
    client = api.client();
    runner = LocalJobRunner.start(client, fakeJobSettings(dir.resolve("data")));
    gc = OwnerGarbageCollector.start(client);
  }

  /** The recorder's contract, with {@code fake-job} run as {@link FakeJobContainer}. */
  static HostSettings fakeJobSettings(Path dataDir) {
    String java = ProcessHandle.current().info().command().orElse("java");
    return HostSettings.forRecorder(
        dataDir,
        Map.of(
            "fake-job",
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FakeJobContainer.class.getName())));
  }

  @AfterEach
  void stop() {
    gc.close();
    runner.close();
    api.close();
  }

  @Test
  void aJobThatSucceedsLeavesItsTerminationMessageInThePodForTheOperator() {
    String result = new TerminationMessage("ClipStored", "clip of 600 s stored").toJson();
    client.resource(job(null, "succeed", result)).create();

    Job job = awaitCondition("Complete");
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(job.getStatus().getFailed()).isNull();
    assertThat(job.getStatus().getActive()).isNull();
    assertThat(job.getStatus().getStartTime()).isNotNull();
    assertThat(job.getStatus().getCompletionTime()).isNotNull();
    Pod pod = await().atMost(Duration.ofSeconds(10)).until(this::onlyPod, p -> isDone(p));
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(pod.getMetadata().getName()).startsWith(NAME + "-");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("camrec.dev/clip", "delivery")
        .containsEntry("batch.kubernetes.io/job-name", NAME)
        .containsEntry("job-name", NAME)
        .containsEntry("controller-uid", job.getMetadata().getUid());
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Job");
              assertThat(o.getUid()).isEqualTo(job.getMetadata().getUid());
              assertThat(o.getController()).isTrue();
            });
    ContainerStateTerminated terminated = terminated(pod);
    assertThat(terminated.getExitCode()).isZero();
    assertThat(terminated.getReason()).isEqualTo("Completed");
    assertThat(terminated.getMessage()).isEqualTo(result);
    assertThat(terminated.getFinishedAt()).isNotNull();

    // What the operator's ClipRequest reconciler will read.
    JobOutcome outcome = JobOutcome.of(job, pods(), CONTAINER);
    assertThat(outcome.state()).isEqualTo(JobOutcome.State.SUCCEEDED);
    assertThat(outcome.terminationMessage()).contains(result);
  }

  @Test
  void aFailedAttemptIsRetriedInANewPodWithinTheBackoffLimit() {
    client
        .resource(
            job(2, "fail-first", "1", dir.resolve("attempts").toString(), "second time lucky"))
        .create();

    Job job = awaitCondition("Complete");
    assertThat(job.getStatus().getFailed()).isEqualTo(1);
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    List<Pod> pods =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(this::pods, all -> all.size() == 2 && all.stream().allMatch(p -> isDone(p)));
    assertThat(pods)
        .extracting(p -> p.getStatus().getPhase())
        .containsExactlyInAnyOrder("Failed", "Succeeded");
    Pod failed =
        pods.stream().filter(p -> "Failed".equals(p.getStatus().getPhase())).findFirst().get();
    assertThat(terminated(failed).getExitCode()).isEqualTo(1);
    assertThat(terminated(failed).getReason()).isEqualTo("Error");
    assertThat(terminated(failed).getMessage()).isEqualTo("attempt 1 failed");
    assertThat(JobOutcome.of(job, pods, CONTAINER).terminationMessage())
        .contains("second time lucky");
  }

  @Test
  void failuresBeyondTheBackoffLimitFailTheJob() {
    client
        .resource(job(1, "fail-first", "5", dir.resolve("attempts").toString(), "never"))
        .create();

    Job job = awaitCondition("Failed");
    JobCondition failed = condition(job, "Failed");
    assertThat(failed.getReason()).isEqualTo("BackoffLimitExceeded");
    assertThat(job.getStatus().getFailed()).isEqualTo(2);
    assertThat(job.getStatus().getCompletionTime()).isNull();
    assertThat(pods()).hasSize(2);
    JobOutcome outcome = JobOutcome.of(job, pods(), CONTAINER);
    assertThat(outcome.state()).isEqualTo(JobOutcome.State.FAILED);
    assertThat(outcome.detail()).startsWith("BackoffLimitExceeded");
    assertThat(outcome.terminationMessage()).contains("attempt 2 failed");
  }

  @Test
  void aJobActiveLongerThanItsDeadlineIsStoppedAndFailed() {
    Job created = job(6, "sleep");
    created.getSpec().setActiveDeadlineSeconds(2L);
    client.resource(created).create();

    Job job = awaitCondition("Failed");
    assertThat(condition(job, "Failed").getReason()).isEqualTo("DeadlineExceeded");
    assertThat(job.getStatus().getFailed()).isEqualTo(1);
    assertThat(job.getStatus().getActive()).isNull();
    Pod pod = await().atMost(Duration.ofSeconds(20)).until(this::onlyPod, p -> isDone(p));
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(pod.getStatus().getReason()).isEqualTo("DeadlineExceeded");
    assertThat(terminated(pod).getExitCode()).isNotZero();
    assertThat(Files.exists(spool(pod).resolve("stopped-cleanly"))).isTrue();
  }

  @Test
  void deletingAJobStopsItsProcessAndItsPodsGo() {
    client.resource(job(null, "sleep")).create();
    Pod pod =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(this::onlyPod, p -> "Running".equals(p.getStatus().getPhase()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> client.batch().v1().jobs().inNamespace(NS).withName(NAME).get().getStatus(),
            status -> status != null && Integer.valueOf(1).equals(status.getActive()));
    // Its SIGTERM hook is in place: a stop from now on leaves a trace.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(spool(pod).resolve("sleeping")));

    client.batch().v1().jobs().inNamespace(NS).withName(NAME).delete();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(Files.exists(spool(pod).resolve("stopped-cleanly"))).isTrue();
              assertThat(pods()).isEmpty();
            });
  }

  @Test
  void aFinishedJobWithTtlZeroIsDeleted() {
    Job created = job(null, "succeed", "{}");
    created.getSpec().setTtlSecondsAfterFinished(0);
    client.resource(created).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(client.batch().v1().jobs().inNamespace(NS).withName(NAME).get()).isNull();
              assertThat(pods()).isEmpty();
            });
    // It ran before it went.
    assertThat(dir.resolve("data/pods/" + NS))
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith(NAME + "-"));
  }

  private Job awaitCondition(String type) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.batch().v1().jobs().inNamespace(NS).withName(NAME).get(),
            j -> j != null && condition(j, type) != null);
  }

  private static JobCondition condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return null;
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst()
        .orElse(null);
  }

  private static Job job(Integer backoffLimit, String... args) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("camrec.dev/clip", "delivery")
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withTerminationGracePeriodSeconds(10L)
        .addNewContainer()
        .withName(CONTAINER)
        .withImage("camrec/recorder-sidecar")
        .withCommand("fake-job")
        .withArgs(args)
        .addNewEnv()
        .withName("CAMREC_TERMINATION_LOG")
        .withValue("/dev/termination-log")
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(NS).list().getItems().stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
        .toList();
  }

  private Pod onlyPod() {
    List<Pod> pods = pods();
    return pods.size() == 1 ? pods.get(0) : null;
  }

  private static boolean isDone(Pod pod) {
    return pod != null
        && ("Succeeded".equals(pod.getStatus().getPhase())
            || "Failed".equals(pod.getStatus().getPhase()));
  }

  private static ContainerStateTerminated terminated(Pod pod) {
    return pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
  }

  private Path spool(Pod pod) {
    return dir.resolve("data/pods")
        .resolve(NS)
        .resolve(pod.getMetadata().getName())
        .resolve("spool");
  }
}
