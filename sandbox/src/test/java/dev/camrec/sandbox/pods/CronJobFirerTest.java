package dev.camrec.sandbox.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.sandbox.kube.Kubectl;
import dev.camrec.sandbox.kube.OwnerGarbageCollector;
import dev.camrec.sandbox.kube.SandboxApiServer;
import dev.camrec.testbed.time.MovableClock;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CronJobFirerTest {

  private static final String NS = "default";
  private static final String NAME = "hq-7-days";

  @TempDir Path dir;
  private SandboxApiServer api;
  private KubernetesClient client;
  private LocalJobRunner runner;
  private OwnerGarbageCollector gc;
  private CronJobFirer firer;
  private final MovableClock clock = new MovableClock();

  @BeforeEach
  void start() {
    api = SandboxApiServer.start(List.of(), dir.resolve("kubeconfig"));
    client = api.client();
    runner = LocalJobRunner.start(client, LocalJobRunnerTest.fakeJobSettings(dir.resolve("data")));
    gc = OwnerGarbageCollector.start(client);
    firer = CronJobFirer.start(client, clock, Duration.ofMillis(200));
  }

  @AfterEach
  void stop() {
    firer.close();
    gc.close();
    runner.close();
    api.close();
  }

  @Test
  void aPerMinuteScheduleFiresAJobNamedAfterItsMinuteThatRunsToCompletion() {
    Instant firstMinute = firstMinuteAfterCreation(create(cj -> {}, "succeed", "{\"deleted\":0}"));

    clock.moveTo(firstMinute.plusSeconds(1));

    String jobName = NAME + "-" + firstMinute.getEpochSecond() / 60;
    Job job = await().atMost(Duration.ofSeconds(10)).until(() -> job(jobName), j -> j != null);
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(CronJobFirer.SCHEDULED_TIMESTAMP, firstMinute.toString());
    assertThat(job.getMetadata().getLabels()).containsEntry("camrec.dev/retention", NAME);
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("CronJob");
              assertThat(o.getUid()).isEqualTo(cronJob().getMetadata().getUid());
              assertThat(o.getController()).isTrue();
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CronJob cronJob = cronJob();
              assertThat(cronJob.getStatus()).isNotNull();
              assertThat(cronJob.getStatus().getLastScheduleTime())
                  .isEqualTo(firstMinute.toString());
              assertThat(cronJob.getStatus().getLastSuccessfulTime()).isNotNull();
              assertThat(cronJob.getStatus().getActive()).isEmpty();
              assertThat(JobEnding.of(job(jobName))).contains("Complete");
            });
  }

  @Test
  void forbidSkipsAScheduleWhileAJobRunsAndRunsTheMissedOneAfterwards() {
    Instant first =
        firstMinuteAfterCreation(create(cj -> cj.setConcurrencyPolicy("Forbid"), "sleep"));
    clock.moveTo(first.plusSeconds(1));
    String firstJob = NAME + "-" + first.getEpochSecond() / 60;
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(cronJob().getStatus()).isNotNull();
              assertThat(cronJob().getStatus().getActive())
                  .singleElement()
                  .satisfies(ref -> assertThat(ref.getName()).isEqualTo(firstJob));
            });

    Instant second = first.plusSeconds(60);
    clock.moveTo(second.plusSeconds(1));
    awaitPasses();

    assertThat(jobNames()).containsExactly(firstJob);
    assertThat(cronJob().getStatus().getLastScheduleTime()).isEqualTo(first.toString());

    client.batch().v1().jobs().inNamespace(NS).withName(firstJob).delete();

    String secondJob = NAME + "-" + second.getEpochSecond() / 60;
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(jobNames()).containsExactly(secondJob));
  }

  @Test
  void replaceDeletesTheRunningJobForTheNewOne() {
    Instant first =
        firstMinuteAfterCreation(create(cj -> cj.setConcurrencyPolicy("Replace"), "sleep"));
    clock.moveTo(first.plusSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> jobNames().size() == 1);

    Instant second = first.plusSeconds(60);
    clock.moveTo(second.plusSeconds(1));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(jobNames()).containsExactly(NAME + "-" + second.getEpochSecond() / 60));
  }

  @Test
  void finishedJobsBeyondTheHistoryLimitAreDeleted() {
    Instant first =
        firstMinuteAfterCreation(
            create(cj -> cj.setSuccessfulJobsHistoryLimit(1), "succeed", "{}"));
    clock.moveTo(first.plusSeconds(1));
    String firstJob = NAME + "-" + first.getEpochSecond() / 60;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> job(firstJob) != null && JobEnding.of(job(firstJob)).isPresent());

    Instant second = first.plusSeconds(60);
    clock.moveTo(second.plusSeconds(1));

    String secondJob = NAME + "-" + second.getEpochSecond() / 60;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(jobNames()).containsExactly(secondJob);
              assertThat(JobEnding.of(job(secondJob))).contains("Complete");
            });
    // The deleted Job's pod goes with it.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(client.pods().inNamespace(NS).list().getItems())
                    .allSatisfy(
                        pod ->
                            assertThat(pod.getMetadata().getLabels())
                                .containsEntry("job-name", secondJob)));
  }

  @Test
  void aSuspendedCronJobDoesNotFire() {
    Instant first = firstMinuteAfterCreation(create(cj -> cj.setSuspend(true), "succeed", "{}"));

    clock.moveTo(first.plusSeconds(1));
    awaitPasses();

    assertThat(jobNames()).isEmpty();
  }

  @Test
  void aScheduleMissedByMoreThanTheStartingDeadlineIsSkipped() {
    Instant first =
        firstMinuteAfterCreation(create(cj -> cj.setStartingDeadlineSeconds(10L), "succeed", "{}"));

    clock.moveTo(first.plusSeconds(30));
    awaitPasses();
    assertThat(jobNames()).isEmpty();

    Instant second = first.plusSeconds(60);
    clock.moveTo(second.plusSeconds(5));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(jobNames()).containsExactly(NAME + "-" + second.getEpochSecond() / 60));
  }

  /**
   * kubectl create job --from sends protobuf, which the mock cannot read: it fails at once with the
   * way around it, and that way (the same Job as JSON) creates a Job that runs.
   */
  @Test
  void kubectlCreateJobFromTheCronJobWorksThroughJson() throws Exception {
    CronJob cronJob = create(cj -> cj.setSuspend(true), "succeed", "{\"deleted\":0}");
    Kubectl kubectl = new Kubectl(api.kubeconfig(), dir.resolve("kube-cache"));

    Kubectl.Result direct = kubectl.run("create", "job", "--from=cronjob/" + NAME, "by-hand");
    assertThat(direct.exitCode()).isNotZero();
    assertThat(direct.stderr()).contains("not protobuf", "--dry-run=client -o json");

    Kubectl.Result manifest =
        kubectl.run(
            "create", "job", "--from=cronjob/" + NAME, "by-hand", "--dry-run=client", "-o", "json");
    assertThat(manifest.exitCode()).as(manifest.stderr()).isZero();
    Path file = dir.resolve("by-hand.json");
    Files.writeString(file, manifest.stdout());
    Kubectl.Result created = kubectl.run("create", "--validate=false", "-f", file.toString());
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.stdout()).contains("job.batch/by-hand created");

    Job job =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> job("by-hand"), j -> j != null && JobEnding.of(j).isPresent());
    assertThat(JobEnding.of(job)).contains("Complete");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("cronjob.kubernetes.io/instantiate", "manual");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(cronJob.getMetadata().getUid()));
    // The README's way to read the result.
    Kubectl.Result message =
        kubectl.run(
            "get",
            "pods",
            "-l",
            "job-name=by-hand",
            "-o",
            "jsonpath={.items[0].status.containerStatuses[0].state.terminated.message}");
    assertThat(message.exitCode()).as(message.stderr()).isZero();
    assertThat(message.stdout()).isEqualTo("{\"deleted\":0}");
    Kubectl.Result jobs = kubectl.run("get", "jobs");
    assertThat(jobs.exitCode()).as(jobs.stderr()).isZero();
    assertThat(jobs.stdout()).contains("by-hand");
  }

  /** Waits until two whole passes ran after now: the clock's last move has been seen. */
  private void awaitPasses() {
    long seen = firer.passes();
    await().atMost(Duration.ofSeconds(10)).until(() -> firer.passes() >= seen + 2);
  }

  private CronJob create(
      Consumer<io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec> spec, String... args) {
    CronJob cronJob =
        new CronJobBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(NS)
            .endMetadata()
            .withNewSpec()
            .withSchedule("* * * * *")
            .withNewJobTemplate()
            .withNewMetadata()
            .addToLabels("camrec.dev/retention", NAME)
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(0)
            .withNewTemplate()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withTerminationGracePeriodSeconds(5L)
            .addNewContainer()
            .withName("retention")
            .withImage("camrec/recorder-sidecar")
            .withCommand("fake-job")
            .withArgs(args)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .endJobTemplate()
            .endSpec()
            .build();
    spec.accept(cronJob.getSpec());
    return client.resource(cronJob).create();
  }

  private static Instant firstMinuteAfterCreation(CronJob created) {
    return Instant.parse(created.getMetadata().getCreationTimestamp())
        .truncatedTo(ChronoUnit.MINUTES)
        .plusSeconds(60);
  }

  private CronJob cronJob() {
    return client.batch().v1().cronjobs().inNamespace(NS).withName(NAME).get();
  }

  private Job job(String name) {
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  private List<String> jobNames() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems().stream()
        .map(j -> j.getMetadata().getName())
        .sorted()
        .toList();
  }
}
