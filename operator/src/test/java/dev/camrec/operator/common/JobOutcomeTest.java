package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobOutcomeTest {

  @Test
  void aJobWithoutAnEndingConditionIsRunning() {
    JobOutcome outcome = JobOutcome.of(new JobBuilder().build(), List.of(), "clip");

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.RUNNING);
    assertThat(outcome.terminationMessage()).isEmpty();
  }

  @Test
  void aCompleteJobGivesItsContainersMessage() {
    JobOutcome outcome =
        JobOutcome.of(ended("Complete", null), List.of(pod("clip", "{\"ok\":1}")), "clip");

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.SUCCEEDED);
    assertThat(outcome.terminationMessage()).contains("{\"ok\":1}");
  }

  @Test
  void aFailedJobSaysWhyAndKeepsTheMessageOfTheNewestTry() {
    JobOutcome outcome =
        JobOutcome.of(
            ended("Failed", "DeadlineExceeded"),
            List.of(
                pod("clip", "first", "2026-11-22T10:00:00Z"),
                pod("clip", "second", "2026-11-22T10:05:00Z"),
                pod("other", "not ours", "2026-11-22T10:09:00Z")),
            "clip");

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.FAILED);
    assertThat(outcome.detail()).startsWith("DeadlineExceeded");
    assertThat(outcome.terminationMessage()).contains("second");
  }

  private static Job ended(String type, String reason) {
    return new JobBuilder()
        .withNewStatus()
        .addNewCondition()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage("why")
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod pod(String container, String message) {
    return pod(container, message, "2026-11-22T10:00:00Z");
  }

  private static Pod pod(String container, String message, String finishedAt) {
    return new PodBuilder()
        .withNewStatus()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(container)
                .withNewState()
                .withNewTerminated()
                .withExitCode(0)
                .withMessage(message)
                .withFinishedAt(finishedAt)
                .endTerminated()
                .endState()
                .build())
        .endStatus()
        .build();
  }
}
