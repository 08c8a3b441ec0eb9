package dev.camrec.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;

/** A day in a recording window, written as in calendars: Mon..Sun. */
public enum Weekday {
  @JsonProperty("Mon")
  MON(DayOfWeek.MONDAY),
  @JsonProperty("Tue")
  TUE(DayOfWeek.TUESDAY),
  @JsonProperty("Wed")
  WED(DayOfWeek.WEDNESDAY),
  @JsonProperty("Thu")
  THU(DayOfWeek.THURSDAY),
  @JsonProperty("Fri")
  FRI(DayOfWeek.FRIDAY),
  @JsonProperty("Sat")
  SAT(DayOfWeek.SATURDAY),
  @JsonProperty("Sun")
  SUN(DayOfWeek.SUNDAY);

  private final DayOfWeek dayOfWeek;

  Weekday(DayOfWeek dayOfWeek) {
    this.dayOfWeek = dayOfWeek;
  }

  public DayOfWeek toDayOfWeek() {
    return dayOfWeek;
  }
}
