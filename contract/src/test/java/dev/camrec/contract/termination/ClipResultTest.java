package dev.camrec.contract.termination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipResultTest {

  @Test
  void theLargestResultStillFitsWhatKubernetesKeepsAndReadsBack() {
    List<TimeSpan> gaps = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      gaps.add(new TimeSpan("2026-03-02T08:15:00.123Z", "2026-03-02T08:15:07.456Z"));
    }
    // The longest names Kubernetes allows: namespace 63, ClipRequest 253, uid 36.
    String key = "clips/" + "n".repeat(63) + "/" + "c".repeat(253) + "-" + "u".repeat(36) + ".mp4";
    ClipResult result =
        new ClipResult(
            true,
            ClipResult.CLIP_STORED,
            "m".repeat(5000),
            key,
            Long.MAX_VALUE,
            "2026-03-02T08:15:00.123Z",
            "2026-03-02T08:25:00.456Z",
            gaps,
            0);

    String json = result.toJson();

    assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
    ClipResult back = ClipResult.parse(json).orElseThrow();
    assertThat(back.gaps()).isNotEmpty();
    assertThat(back.gaps().size() + back.gapsOmitted()).isEqualTo(500);
    assertThat(back.objectKey()).isEqualTo(key);
  }

  @Test
  void aFailureCarriesItsReasonAndNoObject() {
    ClipResult failed = ClipResult.failed(ClipResult.NO_RECORDINGS, "nothing there", List.of());

    ClipResult back = ClipResult.parse(failed.toJson()).orElseThrow();

    assertThat(back.succeeded()).isFalse();
    assertThat(back.reason()).isEqualTo(ClipResult.NO_RECORDINGS);
    assertThat(back.objectKey()).isNull();
  }
}
