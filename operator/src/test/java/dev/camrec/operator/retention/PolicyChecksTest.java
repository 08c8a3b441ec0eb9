package dev.camrec.operator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camrec.api.RetentionPolicy;
import dev.camrec.api.RetentionPolicySpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks the schema cannot make: schedules, selectors, limits, name length. */
class PolicyChecksTest {

  @Test
  void schedulesTheCronJobControllerReadsPass() {
    for (String s :
        new String[] {
          "0 * * * *",
          "*/15 * * * *",
          "0 3 * * mon-fri",
          "30 2 1,15 * *",
          "0 0 ? JAN SUN",
          "@daily",
          "@hourly",
          "5 4 * 1-12/2 0-6"
        }) {
      assertThat(CronSchedule.problem(s)).as(s).isEmpty();
    }
  }

  @Test
  void aBadScheduleIsNamedByItsField() {
    assertThat(CronSchedule.problem("0 25 * * *")).get().asString().contains("hour").contains("25");
    assertThat(CronSchedule.problem("60 * * * *")).get().asString().contains("minute");
    assertThat(CronSchedule.problem("0 * * * 7")).get().asString().contains("day of week");
    assertThat(CronSchedule.problem("0 * * foo *")).get().asString().contains("month");
    assertThat(CronSchedule.problem("*/0 * * * *")).get().asString().contains("step of 0");
    assertThat(CronSchedule.problem("0 5-2 * * *")).get().asString().contains("backwards");
    assertThat(CronSchedule.problem("0 * * *")).get().asString().contains("5 fields");
    assertThat(CronSchedule.problem("@often")).get().asString().contains("unknown macro");
    assertThat(CronSchedule.problem("CRON_TZ=UTC 0 * * * *")).get().asString().contains("UTC");
  }

  @Test
  void selectorsMatchAsTheApiServersDo() {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .addToMatchLabels("site", "hq")
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("NotIn")
            .withValues("test")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("camrec.dev/keep")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();

    assertThat(CameraSelector.problem(selector)).isEmpty();
    assertThat(CameraSelector.matches(selector, Map.of("site", "hq"))).isTrue();
    assertThat(CameraSelector.matches(selector, Map.of("site", "hq", "tier", "prod"))).isTrue();
    assertThat(CameraSelector.matches(selector, Map.of("site", "hq", "tier", "test"))).isFalse();
    assertThat(CameraSelector.matches(selector, Map.of("site", "hq", "camrec.dev/keep", "")))
        .isFalse();
    assertThat(CameraSelector.matches(selector, Map.of("site", "lab"))).isFalse();
    assertThat(CameraSelector.matches(new LabelSelector(), Map.of())).isTrue();
    assertThat(CameraSelector.describe(selector))
        .isEqualTo("site=hq,tier notin (test),!camrec.dev/keep");
  }

  @Test
  void aBadSelectorSaysWhatIsWrong() {
    assertThat(CameraSelector.problem(expression("site", "Equals", "hq")))
        .get()
        .asString()
        .contains("unknown operator 'Equals'");
    assertThat(CameraSelector.problem(expression("site", "In")))
        .get()
        .asString()
        .contains("needs values");
    assertThat(CameraSelector.problem(expression("site", "Exists", "hq")))
        .get()
        .asString()
        .contains("takes no values");
    assertThat(
            CameraSelector.problem(
                new LabelSelectorBuilder().addToMatchLabels("bad key!", "x").build()))
        .get()
        .asString()
        .contains("not a valid label key");
  }

  @Test
  void limitsParseWithTheCrdsUnits() {
    assertThat(PolicyLimits.of(spec("7d", "50Gi")).limits())
        .contains(new PolicyLimits(Optional.of(Duration.ofDays(7)), Optional.of(50L << 30)));
    assertThat(PolicyLimits.of(spec("90m", "2G")).limits())
        .contains(
            new PolicyLimits(Optional.of(Duration.ofMinutes(90)), Optional.of(2_000_000_000L)));
    assertThat(PolicyLimits.of(spec(null, null)).problem()).get().asString().contains("maxAge");
    assertThat(PolicyLimits.of(spec("7 days", null)).problem()).get().asString().contains("7 days");
    assertThat(PolicyLimits.of(spec(null, "99999999Pi")).problem()).isPresent();
  }

  @Test
  void aNameTooLongForItsCronJobIsReported() {
    RetentionPolicy policy = new RetentionPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder().withName("x".repeat(43)).withNamespace("ns").build());
    policy.setSpec(spec("7d", null));

    assertThat(PolicyChecks.check(policy))
        .extracting(PolicyProblem::reason)
        .containsExactly(PolicyChecks.NAME_TOO_LONG);
    policy.getMetadata().setName("x".repeat(42));
    assertThat(PolicyChecks.check(policy)).isEmpty();
  }

  private static RetentionPolicySpec spec(String maxAge, String maxBytes) {
    return new RetentionPolicySpec(new LabelSelector(), maxAge, maxBytes, null, null);
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }
}
