package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.termination.TerminationMessage;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecorderObservationTest {

  private static final TerminationMessage UNAUTHORIZED =
      new TerminationMessage(
          TerminationMessage.CAMERA_UNAUTHORIZED, "The camera refuses the user name and password.");

  private static ContainerState terminated(String message) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(1)
        .withReason("Error")
        .withMessage(message)
        .endTerminated()
        .build();
  }

  private static ContainerState crashLoopBackOff() {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason("CrashLoopBackOff")
        .withMessage("back-off 10s")
        .endWaiting()
        .build();
  }

  private static Pod pod(ContainerState state, ContainerState lastState, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("gate-recorder-1")
        .withCreationTimestamp("2026-11-22T10:00:00Z")
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(DesiredRecorderDeployment.CONTAINER)
                .withReady(ready)
                .withRestartCount(1)
                .withState(state)
                .withLastState(lastState)
                .build())
        .endStatus()
        .build();
  }

  private static RecorderObservation observe(Pod pod) {
    return RecorderObservation.of(Optional.empty(), List.of(pod));
  }

  @Test
  void readsTheRecordersMessageFromTheLastTermination() {
    RecorderObservation r =
        observe(pod(crashLoopBackOff(), terminated(UNAUTHORIZED.toJson()), false));

    assertThat(r.terminationMessage()).contains(UNAUTHORIZED);
    assertThat(r.containerReady()).isFalse();
    assertThat(r.waitingReason()).contains("CrashLoopBackOff");
  }

  @Test
  void aContainerTerminatedRightNowSpeaksForItselfNotItsRunBefore() {
    TerminationMessage older =
        new TerminationMessage(TerminationMessage.AUDIO_CODEC_NOT_STORABLE, "older run");

    assertThat(
            observe(pod(terminated(UNAUTHORIZED.toJson()), terminated(older.toJson()), false))
                .terminationMessage())
        .contains(UNAUTHORIZED);
    // Killed without a word (OOMKilled, say): the run before it is no account of this end.
    assertThat(observe(pod(terminated(""), terminated(older.toJson()), false)).terminationMessage())
        .isEmpty();
  }

  @Test
  void whatTheRecorderDidNotWriteIsIgnored() {
    assertThat(
            observe(pod(crashLoopBackOff(), terminated("panic: runtime error\ngoroutine 1"), false))
                .terminationMessage())
        .isEmpty();
    assertThat(observe(pod(crashLoopBackOff(), null, false)).terminationMessage()).isEmpty();
  }
}
