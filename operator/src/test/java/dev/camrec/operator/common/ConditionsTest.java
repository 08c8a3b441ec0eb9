package dev.camrec.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  static final Instant T0 = Instant.parse("2026-11-22T10:00:00.400Z");
  static final Instant LATER = T0.plusSeconds(90);

  @Test
  void aNewConditionStartsNowWithTheGenerationItDescribes() {
    Condition c =
        Conditions.settle(null, List.of(Conditions.of("Ready", "True", "Ok", "fine")), 4, T0)
            .get(0);

    assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(c.getObservedGeneration()).isEqualTo(4L);
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusChanges() {
    List<Condition> first =
        Conditions.settle(null, List.of(Conditions.of("Ready", "False", "Starting", "a")), 1, T0);

    Condition reworded =
        Conditions.settle(first, List.of(Conditions.of("Ready", "False", "Stuck", "b")), 2, LATER)
            .get(0);
    Condition flipped =
        Conditions.settle(first, List.of(Conditions.of("Ready", "True", "Ok", "c")), 2, LATER)
            .get(0);

    assertThat(reworded.getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(reworded.getObservedGeneration()).isEqualTo(2L);
    assertThat(flipped.getLastTransitionTime()).isEqualTo("2026-11-22T10:01:30Z");
  }

  @Test
  void anEventIsWorthItWhenStatusOrReasonChangedNotForAMessageAlone() {
    List<Condition> before =
        List.of(
            Conditions.of("Ready", "False", "CrashLoopBackOff", "restarts: 3"),
            Conditions.of("Recording", "False", "NoSegments", "none"));
    List<Condition> after =
        List.of(
            Conditions.of("Ready", "False", "CrashLoopBackOff", "restarts: 4"),
            Conditions.of("Recording", "True", "SegmentsLanding", "landing"),
            Conditions.of("StorageAvailable", "True", "BucketAvailable", "new"));

    assertThat(Conditions.changed(before, after))
        .extracting(Condition::getType)
        .containsExactly("Recording", "StorageAvailable");
  }
}
