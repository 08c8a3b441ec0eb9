package dev.camrec.sandbox.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  @Test
  void everyMinuteFiresAtTheNextWholeMinuteStrictlyAfter() {
    assertThat(next("* * * * *", "2026-03-02T08:15:00Z")).isEqualTo("2026-03-02T08:16:00Z");
    assertThat(next("* * * * *", "2026-03-02T08:15:59.999Z")).isEqualTo("2026-03-02T08:16:00Z");
  }

  @Test
  void macrosMeanTheirFiveFieldSchedules() {
    String at = "2026-03-02T08:15:00Z"; // a Monday
    assertThat(next("@hourly", at)).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(next("@daily", at)).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(next("@midnight", at)).isEqualTo("2026-03-03T00:00:00Z");
    assertThat(next("@weekly", at)).isEqualTo("2026-03-08T00:00:00Z");
    assertThat(next("@monthly", at)).isEqualTo("2026-04-01T00:00:00Z");
    assertThat(next("@yearly", at)).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(next("@annually", at)).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void rangesStepsListsAndNames() {
    assertThat(fires("*/15 * * * *", "2026-03-02T08:01:00Z", 4))
        .containsExactly(
            "2026-03-02T08:15:00Z",
            "2026-03-02T08:30:00Z",
            "2026-03-02T08:45:00Z",
            "2026-03-02T09:00:00Z");
    assertThat(fires("0 9-17/4 * * *", "2026-03-02T00:00:00Z", 4))
        .containsExactly(
            "2026-03-02T09:00:00Z",
            "2026-03-02T13:00:00Z",
            "2026-03-02T17:00:00Z",
            "2026-03-03T09:00:00Z");
    assertThat(fires("5,10/20 0 * * *", "2026-03-02T00:00:00Z", 4))
        .containsExactly(
            "2026-03-02T00:05:00Z",
            "2026-03-02T00:10:00Z",
            "2026-03-02T00:30:00Z",
            "2026-03-02T00:50:00Z");
    // Weekdays by name, months by name; 2026-03-06 is a Friday.
    assertThat(fires("30 6 * jan,MAR mon-fri", "2026-03-05T12:00:00Z", 2))
        .containsExactly("2026-03-06T06:30:00Z", "2026-03-09T06:30:00Z");
  }

  @Test
  void sundayIsBothZeroAndSeven() {
    assertThat(next("0 0 * * 7", "2026-03-02T00:00:00Z")).isEqualTo("2026-03-08T00:00:00Z");
    assertThat(next("0 0 * * 0", "2026-03-02T00:00:00Z")).isEqualTo("2026-03-08T00:00:00Z");
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEitherButAStarDefersToTheOther() {
    // Both restricted: the 13th, or any Friday. 2026-03-06 is a Friday, the 13th too.
    assertThat(fires("0 0 13 * fri", "2026-03-01T00:00:00Z", 3))
        .containsExactly("2026-03-06T00:00:00Z", "2026-03-13T00:00:00Z", "2026-03-20T00:00:00Z");
    assertThat(fires("0 0 1 * 1", "2026-03-01T00:00:00Z", 2))
        .containsExactly("2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z");
    // Day of month is *: only Fridays.
    assertThat(next("0 0 * * fri", "2026-03-07T00:00:00Z")).isEqualTo("2026-03-13T00:00:00Z");
    // Day of week is *: only the 13th.
    assertThat(next("0 0 13 * *", "2026-03-14T00:00:00Z")).isEqualTo("2026-04-13T00:00:00Z");
    // A stepped star restricts: every other day of the month, or Mondays.
    assertThat(fires("0 0 */2 * 1", "2026-03-01T12:00:00Z", 3))
        .containsExactly("2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", "2026-03-05T00:00:00Z");
  }

  @Test
  void nextFireTimeCrossesMonthAndYearEnds() {
    assertThat(next("0 12 31 * *", "2026-01-31T12:00:00Z")).isEqualTo("2026-03-31T12:00:00Z");
    assertThat(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
    assertThat(next("59 23 * * *", "2026-12-31T23:59:00Z")).isEqualTo("2027-01-01T23:59:00Z");
    assertThat(next("0 0 1 * *", "2026-12-15T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(CronSchedule.parse("0 0 30 2 *").next(Instant.parse("2026-01-01T00:00:00Z"), UTC))
        .isEmpty();
  }

  @Test
  void aTimeZoneMovesTheFireTimeWithDaylightSaving() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    CronSchedule eightOClock = CronSchedule.parse("0 8 * * *");
    // CET (UTC+1) before 2026-03-29, CEST (UTC+2) after.
    assertThat(eightOClock.next(Instant.parse("2026-03-27T12:00:00Z"), paris))
        .contains(Instant.parse("2026-03-28T07:00:00Z"));
    assertThat(eightOClock.next(Instant.parse("2026-03-28T12:00:00Z"), paris))
        .contains(Instant.parse("2026-03-29T06:00:00Z"));
  }

  @Test
  void malformedSchedulesAreRejectedWithAReason() {
    assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessageContaining("5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *")).hasMessageContaining("0-59");
    assertThatThrownBy(() -> CronSchedule.parse("* * 0 * *")).hasMessageContaining("1-31");
    assertThatThrownBy(() -> CronSchedule.parse("* * * * 8")).hasMessageContaining("0-7");
    assertThatThrownBy(() -> CronSchedule.parse("5-1 * * * *")).hasMessageContaining("ends before");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CronSchedule.parse("a * * * *")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> CronSchedule.parse("@every 5m")).hasMessageContaining("@hourly");
  }

  private static String next(String schedule, String after) {
    return CronSchedule.parse(schedule).next(Instant.parse(after), UTC).orElseThrow().toString();
  }

  private static List<String> fires(String schedule, String after, int count) {
    CronSchedule cron = CronSchedule.parse(schedule);
    List<String> times = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = cron.next(t, UTC).orElseThrow();
      times.add(t.toString());
    }
    return times;
  }
}
