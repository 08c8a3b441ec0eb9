package dev.camrec.contract.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopBudgetTest {

  @Test
  void theRecorderDrainsForTheGracePeriodLessTheMargin() {
    StopBudget budget = StopBudget.of(60, 30);

    assertThat(budget.gracePeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(budget.drain()).isEqualTo(Duration.ofSeconds(85));
  }

  @Test
  void aGracePeriodShorterThanTheMarginLeavesNoDrain() {
    assertThat(new StopBudget(Duration.ofSeconds(3)).drain()).isEqualTo(Duration.ZERO);
  }
}
