package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camrec.api.RecordingSchedule;
import dev.camrec.api.TimeWindow;
import dev.camrec.api.Weekday;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

  private static WeeklySchedule schedule(String zone, TimeWindow... windows) {
    return WeeklySchedule.of(new RecordingSchedule(zone, List.of(windows)));
  }

  private static Instant at(String zone, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
  }

  @Test
  void windowAcrossMidnightRunsIntoTheNextDay() {
    // Fri 2026-11-20 22:00 to Sat 06:00, only starting on Fridays.
    WeeklySchedule s = schedule("UTC", new TimeWindow(List.of(Weekday.FRI), "22:00", "06:00"));

    assertThat(s.stateAt(at("UTC", "2026-11-20T21:59:59")))
        .isEqualTo(
            new WeeklySchedule.State(false, java.util.Optional.of(at("UTC", "2026-11-20T22:00"))));
    WeeklySchedule.State saturdayMorning = s.stateAt(at("UTC", "2026-11-21T05:00"));
    assertThat(saturdayMorning.inWindow()).isTrue();
    assertThat(saturdayMorning.nextChange()).contains(at("UTC", "2026-11-21T06:00"));
    // Saturday 22:00 is not a window start: the next opens a week later.
    assertThat(s.stateAt(at("UTC", "2026-11-21T23:00")).nextChange())
        .contains(at("UTC", "2026-11-27T22:00"));
  }

  @Test
  void adjoiningWindowsAreOneIntervalWithoutABoundaryAtMidnight() {
    WeeklySchedule s =
        schedule(
            "Europe/Paris",
            new TimeWindow(List.of(Weekday.MON), "20:00", "24:00"),
            new TimeWindow(List.of(Weekday.TUE), "00:00", "07:00"));
    WeeklySchedule.State monday = s.stateAt(at("Europe/Paris", "2026-11-23T23:00"));
    assertThat(monday.inWindow()).isTrue();
    assertThat(monday.nextChange()).contains(at("Europe/Paris", "2026-11-24T07:00"));
  }

  @Test
  void parisSpringForwardShortensANightWindowByTheLostHour() {
    // 2026-03-29: clocks go 02:00 CET -> 03:00 CEST.
    WeeklySchedule s = schedule("Europe/Paris", new TimeWindow(List.of(), "01:00", "04:00"));
    WeeklySchedule.State state = s.stateAt(at("Europe/Paris", "2026-03-29T01:30"));
    assertThat(state.inWindow()).isTrue();
    assertThat(state.nextChange()).contains(Instant.parse("2026-03-29T02:00:00Z")); // 04:00 CEST
    assertThat(Duration.between(at("Europe/Paris", "2026-03-29T01:00"), state.nextChange().get()))
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void parisFallBackCoversBothOccurrencesOfTheRepeatedHour() {
    // 2026-10-25: clocks go 03:00 CEST -> 02:00 CET; 02:30 happens twice.
    WeeklySchedule s = schedule("Europe/Paris", new TimeWindow(List.of(), "01:00", "02:30"));
    WeeklySchedule.State state = s.stateAt(Instant.parse("2026-10-25T00:10:00Z")); // 02:10 CEST
    assertThat(state.inWindow()).isTrue();
    assertThat(state.nextChange())
        .contains(Instant.parse("2026-10-25T01:30:00Z")); // second 02:30 (CET)
    // Starting after 02:30 CET the window ended; the next one opens on the 26th at 01:00 CET.
    assertThat(s.stateAt(Instant.parse("2026-10-25T01:31:00Z")))
        .isEqualTo(
            new WeeklySchedule.State(
                false, java.util.Optional.of(Instant.parse("2026-10-26T00:00:00Z"))));
  }

  @Test
  void dayWindowsKeepTheirLocalHoursAcrossNewYorkDstSwitches() {
    WeeklySchedule s =
        schedule("America/New_York", new TimeWindow(List.of(Weekday.SUN), "08:00", "18:00"));
    // 2026-03-08 (spring forward at 02:00): 08:00 EDT = 12:00Z.
    WeeklySchedule.State spring = s.stateAt(Instant.parse("2026-03-08T05:00:00Z"));
    assertThat(spring)
        .isEqualTo(
            new WeeklySchedule.State(
                false, java.util.Optional.of(Instant.parse("2026-03-08T12:00:00Z"))));
    assertThat(s.stateAt(Instant.parse("2026-03-08T12:00:00Z")).nextChange())
        .contains(Instant.parse("2026-03-08T22:00:00Z"));
    // 2026-11-01 (fall back at 02:00): 08:00 EST = 13:00Z.
    assertThat(s.stateAt(Instant.parse("2026-11-01T12:59:00Z")).inWindow()).isFalse();
    assertThat(s.stateAt(Instant.parse("2026-11-01T13:00:00Z")).nextChange())
        .contains(Instant.parse("2026-11-01T23:00:00Z"));
  }

  @Test
  void windowInsideTheSpringForwardGapMovesForwardByTheGap() {
    // 02:10-02:50 does not exist on 2026-03-29 in Paris; both ends move forward by the lost hour.
    WeeklySchedule s =
        schedule("Europe/Paris", new TimeWindow(List.of(Weekday.SUN), "02:10", "02:50"));
    WeeklySchedule.State state = s.stateAt(at("Europe/Paris", "2026-03-29T00:00"));
    assertThat(state.inWindow()).isFalse();
    assertThat(state.nextChange()).contains(at("Europe/Paris", "2026-03-29T03:10"));
    assertThat(s.stateAt(at("Europe/Paris", "2026-03-29T03:10")).nextChange())
        .contains(at("Europe/Paris", "2026-03-29T03:50"));
  }

  @Test
  void windowThatStartsInTheGapAndEndsAtItsEdgeIsSkipped() {
    // 02:30 moves to 03:30 CEST, after the 03:00 end: nothing that Sunday, a week later as usual.
    WeeklySchedule s =
        schedule("Europe/Paris", new TimeWindow(List.of(Weekday.SUN), "02:30", "03:00"));
    assertThat(s.stateAt(at("Europe/Paris", "2026-03-29T00:00")).nextChange())
        .contains(at("Europe/Paris", "2026-04-05T02:30"));
  }

  @Test
  void unknownZoneIsReportedWithAHint() {
    assertThatThrownBy(() -> schedule("Europe/Pariss", new TimeWindow(List.of(), "08:00", "09:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Europe/Pariss")
        .hasMessageContaining("IANA");
  }
}
