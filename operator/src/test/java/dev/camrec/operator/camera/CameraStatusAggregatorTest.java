package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.camrec.api.CameraStatus;
import dev.camrec.api.SegmentClock;
import dev.camrec.contract.report.RecorderReport;
import dev.camrec.contract.termination.TerminationMessage;
import dev.camrec.operator.camera.CameraStatusAggregator.Observed;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import dev.camrec.operator.common.EffectiveStorage;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraStatusAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final RecordingPlan RUN =
      new RecordingPlan(
          true, RecordingPlan.Reason.Scheduled, "recording around the clock", Optional.empty());
  private static final RecorderObservation READY =
      new RecorderObservation(
          true, 1, 0, Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty());
  private static final TerminationMessage G711 =
      new TerminationMessage(
          TerminationMessage.AUDIO_CODEC_NOT_STORABLE,
          "The camera sends pcm_mulaw audio, which MP4 cannot hold as a copy; set spec.recording.audio to aac or none.");

  private static final EffectiveStorage STORAGE =
      new EffectiveStorage(
          "http://minio:9000", "us-east-1", "camrec", "camrec-storage", "a", "s", true);

  private static StorageObservation storedUpTo(Instant newestStart) {
    return new StorageObservation(
        StorageObservation.Answer.LISTED,
        STORAGE,
        "",
        Optional.of(newestStart),
        Optional.of(newestStart.plusSeconds(60)),
        1000,
        5000,
        List.of());
  }

  private static Observed observed(
      Instant now,
      RecordingPlan plan,
      RecorderObservation recorder,
      StorageObservation storage,
      SpecProblem... problems) {
    return observed(now, plan, recorder, storage, Optional.empty(), problems);
  }

  private static Observed observed(
      Instant now,
      RecordingPlan plan,
      RecorderObservation recorder,
      StorageObservation storage,
      Optional<RecorderReport> report,
      SpecProblem... problems) {
    return new Observed(
        3,
        now,
        60,
        plan,
        t -> true,
        List.of(problems),
        recorder,
        storage,
        report,
        SegmentClock.AUTO,
        Duration.ofSeconds(2));
  }

  private static Condition condition(CameraStatus s, String type) {
    return s.conditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void lastTransitionTimeIsKeptWhileNothingChanges() {
    CameraStatus first =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, READY, storedUpTo(T0.minusSeconds(60))));
    CameraStatus later =
        CameraStatusAggregator.aggregate(
            first, observed(T0.plusSeconds(30), RUN, READY, storedUpTo(T0.minusSeconds(60))));

    assertThat(later).isEqualTo(first);
    assertThat(condition(later, "Recording").getLastTransitionTime())
        .isEqualTo("2026-11-22T10:00:00Z");
    assertThat(later.observedGeneration()).isEqualTo(3L);
    assertThat(later.lastSegmentTime()).isEqualTo("2026-11-22T09:59:00Z");
  }

  @Test
  void recordingTurnsFalseWhenSegmentsStopThoughThePodIsReady() {
    CameraStatus first =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, READY, storedUpTo(T0.minusSeconds(60))));
    // Newest segment ended at T0; three segment lengths later nothing new.
    Instant late = T0.plusSeconds(3 * 60 + 1);
    CameraStatus stale =
        CameraStatusAggregator.aggregate(
            first, observed(late, RUN, READY, storedUpTo(T0.minusSeconds(60))));

    Condition recording = condition(stale, "Recording");
    assertThat(recording.getStatus()).isEqualTo("False");
    assertThat(recording.getReason()).isEqualTo("SegmentsStale");
    assertThat(recording.getMessage()).contains("2026-11-22T10:00:00Z").contains("every 60 s");
    assertThat(recording.getLastTransitionTime()).isEqualTo("2026-11-22T10:03:01Z");
    assertThat(condition(stale, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(stale, "Ready").getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
  }

  @Test
  void crashLoopIsReportedWithRestartsAndLastExit() {
    RecorderObservation crashing =
        new RecorderObservation(
            true,
            0,
            4,
            Optional.of("CrashLoopBackOff"),
            Optional.of("back-off 40s restarting failed container"),
            Optional.of("Error (exit code 2)"),
            false,
            Optional.empty());
    CameraStatus s =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, crashing, storedUpTo(T0.minusSeconds(600))));
    Condition ready = condition(s, "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(ready.getMessage()).contains("restarts: 4").contains("exit code 2");
  }

  @Test
  void missingSecretWinsOverPodStateAndOutsideScheduleIsNoFailure() {
    CameraStatus s =
        CameraStatusAggregator.aggregate(
            null,
            observed(
                T0,
                RUN,
                READY,
                storedUpTo(T0),
                new SpecProblem(
                    "SecretNotFound",
                    "Secret ns/x named by spec.source.credentialsSecretRef does not exist")));
    assertThat(condition(s, "Ready").getReason()).isEqualTo("SecretNotFound");

    RecordingPlan outside =
        new RecordingPlan(
            false,
            RecordingPlan.Reason.OutsideSchedule,
            "outside the schedule; next window opens at 2026-11-22T18:00:00Z",
            Optional.of(T0.plusSeconds(8 * 3600)));
    CameraStatus off =
        CameraStatusAggregator.aggregate(null, observed(T0, outside, READY, storedUpTo(T0)));
    assertThat(condition(off, "Recording").getReason()).isEqualTo("OutsideSchedule");
    assertThat(condition(off, "Recording").getMessage()).contains("2026-11-22T18:00:00Z");
    assertThat(condition(off, "Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void unreachableStorageMakesRecordingUnknownAndKeepsTheLastKnownSegment() {
    CameraStatus first =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, READY, storedUpTo(T0.minusSeconds(60))));
    StorageObservation down =
        StorageObservation.without(
            StorageObservation.Answer.UNREACHABLE, STORAGE, "ConnectException");
    CameraStatus s =
        CameraStatusAggregator.aggregate(first, observed(T0.plusSeconds(20), RUN, READY, down));
    assertThat(condition(s, "StorageAvailable").getReason()).isEqualTo("StorageUnreachable");
    assertThat(condition(s, "Recording").getStatus()).isEqualTo("Unknown");
    assertThat(condition(s, "Ready").getReason()).isEqualTo("StorageUnavailable");
    assertThat(s.lastSegmentTime()).isEqualTo(first.lastSegmentTime());
    assertThat(s.storedBytesLastDay()).isEqualTo(5000L);

    CameraStatus neverReached =
        CameraStatusAggregator.aggregate(null, observed(T0, RUN, READY, down));
    assertThat(neverReached.lastSegmentTime()).isNull();
    assertThat(neverReached.storedBytesLastDay()).isNull();
  }

  @Test
  void anUnfinishedListingLeavesStorageAvailableAndRecordingUnknown() {
    CameraStatus first =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, READY, storedUpTo(T0.minusSeconds(60))));
    StorageObservation slow =
        StorageObservation.without(
            StorageObservation.Answer.LISTING_INCOMPLETE, STORAGE, "SocketTimeoutException");
    CameraStatus s =
        CameraStatusAggregator.aggregate(first, observed(T0.plusSeconds(20), RUN, READY, slow));

    assertThat(condition(s, "StorageAvailable")).isEqualTo(condition(first, "StorageAvailable"));
    assertThat(condition(s, "Ready")).isEqualTo(condition(first, "Ready"));
    Condition recording = condition(s, "Recording");
    assertThat(recording.getStatus()).isEqualTo("Unknown");
    assertThat(recording.getReason()).isEqualTo("ListingIncomplete");
    assertThat(recording.getMessage()).contains("SocketTimeoutException");
    // What was known stays: a listing cut short is no evidence that segments stopped.
    assertThat(s.lastSegmentTime()).isEqualTo(first.lastSegmentTime());
    assertThat(s.storedBytesLastDay()).isEqualTo(5000L);
    assertThat(s.reconnects()).isEqualTo(first.reconnects());
  }

  /**
   * A recorder container that is not ready: waiting for {@code waitingReason} (null: running
   * again), after a run that exited with code 1 leaving {@code message} (null: nothing).
   */
  private static RecorderObservation notReady(
      int restarts, String waitingReason, String waitingMessage, TerminationMessage message) {
    return new RecorderObservation(
        true,
        0,
        restarts,
        Optional.ofNullable(waitingReason),
        Optional.ofNullable(waitingMessage),
        Optional.of("Error (exit code 1)"),
        false,
        Optional.ofNullable(message));
  }

  /** A crash loop whose container's last run ended with the recorder's message. */
  private static RecorderObservation stoppedItself(int restarts, String backOff) {
    return notReady(restarts, "CrashLoopBackOff", backOff, G711);
  }

  @Test
  void theRecordersOwnReasonWinsOverCrashLoopBackOffAndStaysPutAcrossRestarts() {
    StorageObservation stale = storedUpTo(T0.minusSeconds(600));
    CameraStatus first =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, stoppedItself(3, "back-off 40s"), stale));

    for (String type : List.of("Ready", "Recording")) {
      Condition c = condition(first, type);
      assertThat(c.getStatus()).as(type).isEqualTo("False");
      assertThat(c.getReason()).as(type).isEqualTo("AudioCodecNotStorable");
      assertThat(c.getMessage()).as(type).isEqualTo(G711.message());
    }

    // One more restart, a longer back-off: the cause is the same, so nothing moves and no Event.
    Instant later = T0.plusSeconds(80);
    CameraStatus again =
        CameraStatusAggregator.aggregate(
            first, observed(later, RUN, stoppedItself(4, "back-off 1m20s"), stale));
    assertThat(condition(again, "Ready").getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(condition(again, "Recording").getLastTransitionTime())
        .isEqualTo("2026-11-22T10:00:00Z");
    assertThat(CameraStatusAggregator.changedConditions(first, again)).isEmpty();
  }

  @Test
  void segmentsStillLandingKeepRecordingTrueWhateverThePodReports() {
    CameraStatus s =
        CameraStatusAggregator.aggregate(
            null,
            observed(T0, RUN, stoppedItself(1, "back-off 10s"), storedUpTo(T0.minusSeconds(60))));

    assertThat(condition(s, "Recording").getStatus()).isEqualTo("True");
    assertThat(condition(s, "Recording").getReason()).isEqualTo("SegmentsLanding");
    assertThat(condition(s, "Ready").getReason()).isEqualTo("AudioCodecNotStorable");
  }

  @Test
  void aContainerReadyAgainClearsTheReasonThoughItsLastStateStillHoldsTheMessage() {
    StorageObservation stored = storedUpTo(T0.minusSeconds(60));
    CameraStatus crashing =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, stoppedItself(2, "back-off 20s"), stored));
    RecorderObservation readyAgain =
        new RecorderObservation(
            true,
            1,
            2,
            Optional.empty(),
            Optional.empty(),
            Optional.of("Error (exit code 1)"),
            true,
            Optional.of(G711));

    CameraStatus recovered =
        CameraStatusAggregator.aggregate(
            crashing, observed(T0.plusSeconds(30), RUN, readyAgain, stored));

    Condition ready = condition(recovered, "Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("RecorderReady");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-22T10:00:30Z");
    assertThat(CameraStatusAggregator.changedConditions(crashing, recovered))
        .extracting(Condition::getType, Condition::getReason)
        .containsExactly(tuple("Ready", "RecorderReady"));
  }

  @Test
  void restartedButNotYetReadyStillShowsTheCauseRatherThanFlappingToStarting() {
    RecorderObservation restarted = notReady(2, null, null, G711);
    CameraStatus s =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, restarted, storedUpTo(T0.minusSeconds(600))));
    assertThat(condition(s, "Ready").getReason()).isEqualTo("AudioCodecNotStorable");
  }

  @Test
  void aContainerThatCannotEvenStartAnyMoreShowsThatNewerCause() {
    RecorderObservation unconfigurable =
        notReady(
            2,
            "CreateContainerConfigError",
            "couldn't find key password in Secret cams/lobby",
            G711);
    CameraStatus s =
        CameraStatusAggregator.aggregate(
            null, observed(T0, RUN, unconfigurable, storedUpTo(T0.minusSeconds(600))));
    assertThat(condition(s, "Ready").getReason()).isEqualTo("CreateContainerConfigError");
    assertThat(condition(s, "Recording").getReason()).isEqualTo("SegmentsStale");
  }

  @Test
  void aChangedReasonIsAnEventAndTheFirstStatusIsAllEvents() {
    RecorderObservation plainCrash = notReady(1, "CrashLoopBackOff", "back-off 10s", null);
    StorageObservation stale = storedUpTo(T0.minusSeconds(600));
    CameraStatus first =
        CameraStatusAggregator.aggregate(null, observed(T0, RUN, plainCrash, stale));
    assertThat(CameraStatusAggregator.changedConditions(null, first)).hasSize(3);

    CameraStatus told =
        CameraStatusAggregator.aggregate(
            first, observed(T0.plusSeconds(20), RUN, stoppedItself(2, "back-off 20s"), stale));
    assertThat(CameraStatusAggregator.changedConditions(first, told))
        .extracting(Condition::getType)
        .containsExactly("Ready", "Recording");
  }
}
