package dev.camrec.contract.termination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.contract.termination.RetentionResult.CameraProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetentionResultTest {

  @Test
  void roundTripsThroughTheTerminationLogsJson() {
    RetentionResult result =
        new RetentionResult(
            false,
            3,
            1440,
            1_932_735_283L,
            2,
            "2026-11-15T08:00:00Z",
            List.of(new CameraProblem("door", "DeleteFailed", "2 segments: AccessDenied")),
            0);

    assertThat(RetentionResult.parse(result.toJson())).contains(result);
  }

  @Test
  void theWorstCaseStillFitsTheFourKibKubernetesKeeps() {
    // Long camera names and messages of 3-byte characters, far more problems than fit.
    String name = "c".repeat(300);
    String message = "€".repeat(1000);
    List<CameraProblem> problems =
        IntStream.range(0, 50)
            .mapToObj(i -> new CameraProblem(name + i, "StorageUnavailable", message))
            .toList();

    RetentionResult result =
        new RetentionResult(
            true,
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            Long.MAX_VALUE,
            "2026-11-15T08:00:00.123Z",
            problems,
            0);

    assertThat(result.toJson().getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(TerminationJson.MAX_BYTES);
    assertThat(result.problems()).isNotEmpty();
    assertThat(result.problems().size() + result.problemsOmitted()).isEqualTo(50);
  }

  @Test
  void atMostTenProblemsAreListedAndTheRestCounted() {
    List<CameraProblem> problems =
        IntStream.range(0, 12)
            .mapToObj(i -> new CameraProblem("cam-" + i, "DeleteFailed", "short"))
            .toList();

    RetentionResult result = new RetentionResult(false, 12, 0, 0, 12, null, problems, 1);

    assertThat(result.problems()).hasSize(RetentionResult.MAX_PROBLEMS);
    assertThat(result.problemsOmitted()).isEqualTo(3);
    assertThat(result.problems().get(0).camera()).isEqualTo("cam-0");
  }
}
