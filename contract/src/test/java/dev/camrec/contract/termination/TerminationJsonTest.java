package dev.camrec.contract.termination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every result fits the 4 KiB Kubernetes keeps of a termination message, however much it says. */
class TerminationJsonTest {

  /** Multi-byte characters: the limit is in bytes, not characters. */
  static final String LONG = "ü".repeat(5_000);

  @Test
  void aRecorderMessageOfAnyLengthFits() {
    TerminationMessage m = new TerminationMessage("CameraUnauthorized", LONG);

    assertFits(m.toJson());
    assertThat(TerminationMessage.parse(m.toJson())).contains(m);
    assertThat(m.message()).endsWith("…");
  }

  @Test
  void aClipResultWithThousandsOfGapsFitsAndCountsWhatItLeftOut() {
    List<TimeSpan> gaps = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      gaps.add(new TimeSpan("2026-11-22T10:00:00.000Z", "2026-11-22T10:00:01.000Z"));
    }
    ClipResult r =
        new ClipResult(
            true,
            "Succeeded",
            LONG,
            "clips/" + "n".repeat(63) + "/" + "c".repeat(253) + "-" + "u".repeat(36) + ".mp4",
            1L << 40,
            "2026-11-22T10:00:00.000Z",
            "2026-11-23T10:00:00.000Z",
            gaps,
            0);

    assertFits(r.toJson());
    assertThat(r.gaps()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(r.gaps().size() + r.gapsOmitted()).isEqualTo(2_000);
    assertThat(ClipResult.parse(r.toJson())).contains(r);
  }

  @Test
  void aRetentionResultWithAProblemPerCameraFits() {
    List<RetentionResult.CameraProblem> problems = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      problems.add(new RetentionResult.CameraProblem("c".repeat(253), LONG));
    }
    RetentionResult r =
        new RetentionResult(false, 123_456_789, 1L << 50, "2026-11-22T10:00:00.000Z", problems, 0);

    assertFits(r.toJson());
    assertThat(r.problems()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(r.problems().size() + r.problemsOmitted()).isEqualTo(500);
    assertThat(RetentionResult.parse(r.toJson())).contains(r);
  }

  @Test
  void anythingElseInTheMessageIsNotAResult() {
    assertThat(ClipResult.parse("Error: exit status 1")).isEmpty();
    assertThat(RetentionResult.parse("")).isEmpty();
  }

  private static void assertFits(String json) {
    assertThat(json.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(TerminationJson.MAX_BYTES);
    assertThat(json).doesNotContain("\n");
  }
}
