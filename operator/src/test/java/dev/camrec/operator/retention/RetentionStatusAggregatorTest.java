package dev.camrec.operator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.RetentionPolicyStatus;
import dev.camrec.contract.termination.RetentionResult;
import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.JobOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionStatusAggregatorTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  private static RetentionStatusAggregator.Observed observed(
      List<PolicyProblem> problems, int cameras, Optional<LastRun> run) {
    return new RetentionStatusAggregator.Observed(
        2, NOW, "hq", problems, "site=hq", cameras, "p-retention", "0 * * * *", run);
  }

  private static LastRun run(String job, JobOutcome.State state, RetentionResult result) {
    return new LastRun(job, state, "2026-11-22T11:00:05Z", Optional.ofNullable(result), "");
  }

  private static Condition ready(RetentionPolicyStatus s) {
    return Conditions.find(s.conditions(), "Ready").orElseThrow();
  }

  @Test
  void beforeTheFirstRunAValidPolicyIsScheduled() {
    RetentionPolicyStatus s =
        RetentionStatusAggregator.aggregate(null, observed(List.of(), 3, Optional.empty()));

    assertThat(ready(s).getStatus()).isEqualTo("True");
    assertThat(ready(s).getReason()).isEqualTo("Scheduled");
    assertThat(ready(s).getMessage()).contains("kubectl create job --from=cronjob/p-retention");
    assertThat(s.lastRun()).isNull();
    assertThat(s.observedGeneration()).isEqualTo(2L);
  }

  @Test
  void aRunsFiguresAreTheStatusAndDryRunSaysSo() {
    RetentionResult dry =
        new RetentionResult(true, 3, 100, 3L << 30, 0, "2026-11-15T12:00:00Z", List.of(), 0);

    RetentionPolicyStatus s =
        RetentionStatusAggregator.aggregate(
            null, observed(List.of(), 3, Optional.of(run("j1", JobOutcome.State.SUCCEEDED, dry))));

    assertThat(ready(s).getReason()).isEqualTo("DryRun");
    assertThat(ready(s).getMessage())
        .contains("would delete 100 segments")
        .contains("nothing deleted");
    assertThat(s.deletedObjects()).isEqualTo(100L);
    assertThat(s.freed()).isEqualTo("3Gi");
    assertThat(s.lastJob()).isEqualTo("j1");
    assertThat(s.lastRun()).isEqualTo("2026-11-22T11:00:05Z");
  }

  @Test
  void everyCamerasStorageDownIsStorageUnavailableSomeIsAPartialFailure() {
    var down =
        new CameraProblem(
            "door", RetentionResult.STORAGE_UNAVAILABLE, "listing failed: ConnectException");
    RetentionResult allDown = new RetentionResult(false, 1, 0, 0, 0, null, List.of(down), 0);
    RetentionResult oneOfTwo = new RetentionResult(false, 2, 5, 5, 0, null, List.of(down), 0);

    assertThat(
            ready(
                    RetentionStatusAggregator.aggregate(
                        null,
                        observed(
                            List.of(), 1, Optional.of(run("j", JobOutcome.State.FAILED, allDown)))))
                .getReason())
        .isEqualTo("StorageUnavailable");
    assertThat(
            ready(
                    RetentionStatusAggregator.aggregate(
                        null,
                        observed(
                            List.of(),
                            2,
                            Optional.of(run("j", JobOutcome.State.FAILED, oneOfTwo)))))
                .getReason())
        .isEqualTo("PartialFailure");
  }

  @Test
  void specProblemsAndNoCamerasComeBeforeWhatTheLastRunDid() {
    RetentionResult ok = new RetentionResult(false, 1, 1, 1, 0, null, List.of(), 0);
    Optional<LastRun> run = Optional.of(run("j", JobOutcome.State.SUCCEEDED, ok));

    assertThat(
            ready(
                    RetentionStatusAggregator.aggregate(
                        null,
                        observed(List.of(new PolicyProblem("InvalidSchedule", "fix it")), 1, run)))
                .getReason())
        .isEqualTo("InvalidSchedule");
    Condition none = ready(RetentionStatusAggregator.aggregate(null, observed(List.of(), 0, run)));
    assertThat(none.getReason()).isEqualTo("NoCamerasSelected");
    assertThat(none.getMessage()).contains("site=hq").contains("suspended");
  }

  @Test
  void whenTheLastRunsJobIsGoneItsFiguresStay() {
    RetentionResult ok = new RetentionResult(false, 1, 7, 7, 0, null, List.of(), 0);
    RetentionPolicyStatus first =
        RetentionStatusAggregator.aggregate(
            null, observed(List.of(), 1, Optional.of(run("j", JobOutcome.State.SUCCEEDED, ok))));

    RetentionPolicyStatus later =
        RetentionStatusAggregator.aggregate(first, observed(List.of(), 1, Optional.empty()));

    assertThat(later).isEqualTo(first);
  }

  @Test
  void bytesReadLikeKubectlQuantities() {
    assertThat(Bytes.human(900)).isEqualTo("900");
    assertThat(Bytes.human(1_932_735_283L)).isEqualTo("1.8Gi");
    assertThat(Bytes.human(512L << 20)).isEqualTo("512Mi");
    assertThat(Bytes.human(50L << 30)).isEqualTo("50Gi");
  }
}
