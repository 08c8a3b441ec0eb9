package dev.camrec.operator.clip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.ClipRequestStatus;
import dev.camrec.contract.termination.ClipResult;
import dev.camrec.contract.termination.TimeSpan;
import dev.camrec.operator.common.JobOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClipStatusAggregatorTest {

  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  static final ClipGate.Decision READY =
      new ClipGate.Decision(ClipGate.Verdict.READY, Optional.empty());
  static final ClipGate.Decision FINISHED =
      new ClipGate.Decision(ClipGate.Verdict.FINISHED, Optional.empty());

  static ClipStatusAggregator.Observed observed(
      Instant now,
      ClipGate.Decision gate,
      Optional<JobOutcome> job,
      Optional<ClipStore.SignedLink> link) {
    return new ClipStatusAggregator.Observed(
        1, now, "ns", "front-door", "d-clip", 2, gate, job, link, Optional.empty());
  }

  static Optional<JobOutcome> ended(JobOutcome.State state, String message) {
    return Optional.of(new JobOutcome(state, Optional.ofNullable(message), ""));
  }

  static Condition succeeded(ClipRequestStatus s) {
    return s.conditions().get(0);
  }

  @Test
  void waitingNamesWhenTheRecordingIsStored() {
    var gate =
        new ClipGate.Decision(
            ClipGate.Verdict.WAITING_FOR_RECORDING,
            Optional.of(Instant.parse("2026-03-02T09:10:32Z")));

    ClipRequestStatus s =
        ClipStatusAggregator.aggregate(
            null, observed(NOW, gate, Optional.empty(), Optional.empty()));

    assertThat(succeeded(s).getStatus()).isEqualTo("Unknown");
    assertThat(succeeded(s).getReason()).isEqualTo("WaitingForRecording");
    assertThat(succeeded(s).getMessage()).contains("2026-03-02T09:10:32Z");
  }

  @Test
  void aStoredClipTakesTheResultsFieldsAndTheLink() {
    ClipResult r =
        new ClipResult(
            true,
            ClipResult.CLIP_STORED,
            "Clip of 600 s stored.",
            "clips/ns/d-u.mp4",
            304_087_040L,
            "2026-03-02T08:15:00Z",
            "2026-03-02T08:25:00Z",
            List.of(new TimeSpan("2026-03-02T08:17:00Z", "2026-03-02T08:17:09Z")),
            0);
    var link = new ClipStore.SignedLink("https://s3/x?sig", NOW.plusSeconds(3600));

    ClipRequestStatus s =
        ClipStatusAggregator.aggregate(
            null,
            observed(NOW, READY, ended(JobOutcome.State.SUCCEEDED, r.toJson()), Optional.of(link)));

    assertThat(succeeded(s).getStatus()).isEqualTo("True");
    assertThat(succeeded(s).getLastTransitionTime()).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(s.size()).isEqualTo("290Mi");
    assertThat(s.objectKey()).isEqualTo("clips/ns/d-u.mp4");
    assertThat(s.gaps()).hasSize(1);
    assertThat(s.downloadUrl()).isEqualTo("https://s3/x?sig");
    assertThat(s.downloadUrlExpires()).isEqualTo("2026-03-02T10:00:00Z");

    // Later the outcome stands, only the link is renewed; the transition time stays.
    var renewed = new ClipStore.SignedLink("https://s3/y?sig", NOW.plusSeconds(7200));
    ClipRequestStatus later =
        ClipStatusAggregator.aggregate(
            s, observed(NOW.plusSeconds(3000), FINISHED, Optional.empty(), Optional.of(renewed)));
    assertThat(later.downloadUrl()).isEqualTo("https://s3/y?sig");
    assertThat(later.conditions()).isEqualTo(s.conditions());
    assertThat(
            ClipStatusAggregator.aggregate(
                s, observed(NOW, FINISHED, Optional.empty(), Optional.empty())))
        .isSameAs(s);
  }

  @Test
  void aJobThatFailedWithoutAResultSaysWhereToLook() {
    ClipRequestStatus s =
        ClipStatusAggregator.aggregate(
            null,
            observed(
                NOW,
                READY,
                Optional.of(
                    new JobOutcome(
                        JobOutcome.State.FAILED, Optional.empty(), "DeadlineExceeded: too long")),
                Optional.empty()));

    assertThat(succeeded(s).getStatus()).isEqualTo("False");
    assertThat(succeeded(s).getReason()).isEqualTo("JobFailed");
    assertThat(succeeded(s).getMessage())
        .contains("DeadlineExceeded", "kubectl describe job d-clip");
  }

  @Test
  void sizesReadAsKubectlShowsThem() {
    assertThat(ClipStatusAggregator.humanSize(900)).isEqualTo("900");
    assertThat(ClipStatusAggregator.humanSize(512 * 1024)).isEqualTo("512Ki");
    assertThat(ClipStatusAggregator.humanSize(1_825_361_100L)).isEqualTo("1.7Gi");
  }

  @Test
  void longNamesGiveJobNamesThatFitALabelAndStayApart() {
    String base = "a".repeat(70);
    var one = new dev.camrec.api.ClipRequest();
    one.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(base + "1").build());
    var two = new dev.camrec.api.ClipRequest();
    two.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(base + "2").build());

    assertThat(DesiredClipJob.nameOf(one)).hasSizeLessThanOrEqualTo(63).endsWith("-clip");
    assertThat(DesiredClipJob.nameOf(one)).isNotEqualTo(DesiredClipJob.nameOf(two));
  }
}
