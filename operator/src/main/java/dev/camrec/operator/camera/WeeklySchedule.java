package dev.camrec.operator.camera;

import dev.camrec.api.RecordingSchedule;
import dev.camrec.api.TimeWindow;
import dev.camrec.api.Weekday;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Weekly recording windows in a named time zone, turned into instants.
 *
 * <p>Windows are expanded to concrete intervals on the days around "now" and merged, so adjoining
 * windows (Mon 22:00-24:00 and Tue 00:00-06:00) are one interval and their seam is no boundary. A
 * local time that does not exist (spring-forward gap) moves forward by the gap; a local time that
 * happens twice (fall-back overlap) opens a window at its first occurrence and closes it at its
 * second, so a window covers every instant whose wall-clock time lies inside it.
 */
public final class WeeklySchedule {

  /**
   * Days before and after today that are expanded; more than a week so a boundary is always found.
   */
  private static final int DAYS_BEFORE = 1;

  private static final int DAYS_AFTER = 8;

  private final ZoneId zone;
  private final List<TimeWindow> windows;

  private WeeklySchedule(ZoneId zone, List<TimeWindow> windows) {
    this.zone = zone;
    this.windows = windows;
  }

  /**
   * Reads a schedule; throws {@link IllegalArgumentException} with a message a person can act on
   * when the zone is unknown or a time is malformed (the CRD schema normally catches the latter).
   */
  public static WeeklySchedule of(RecordingSchedule schedule) {
    ZoneId zone;
    try {
      zone = ZoneId.of(schedule.timeZone());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "unknown time zone \""
              + schedule.timeZone()
              + "\"; use an IANA name such as Europe/Paris");
    }
    for (TimeWindow w : schedule.windows()) {
      parseStart(w.start());
      parseEnd(w.end());
    }
    return new WeeklySchedule(zone, schedule.windows());
  }

  /** Whether {@code now} lies inside a window, and when that changes next. */
  public State stateAt(Instant now) {
    List<Interval> merged = mergedIntervalsAround(now);
    for (Interval i : merged) {
      if (!now.isBefore(i.start) && now.isBefore(i.end)) {
        return new State(true, Optional.of(i.end));
      }
    }
    return new State(false, merged.stream().map(Interval::start).filter(now::isBefore).findFirst());
  }

  /** Inside a window or not, and the instant at which that flips (empty: never). */
  public record State(boolean inWindow, Optional<Instant> nextChange) {}

  private List<Interval> mergedIntervalsAround(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    List<Interval> intervals = new ArrayList<>();
    for (LocalDate day = today.minusDays(DAYS_BEFORE);
        !day.isAfter(today.plusDays(DAYS_AFTER));
        day = day.plusDays(1)) {
      for (TimeWindow w : windows) {
        if (appliesOn(w, day)) {
          intervals.add(intervalOn(w, day));
        }
      }
    }
    intervals.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : intervals) {
      if (!i.start.isBefore(i.end)) {
        continue; // starts in a spring-forward gap and ends at its edge: nothing to record
      }
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !i.start.isAfter(last.end)) {
        merged.set(merged.size() - 1, new Interval(last.start, max(last.end, i.end)));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }

  private static boolean appliesOn(TimeWindow w, LocalDate day) {
    return w.days().isEmpty()
        || w.days().stream().map(Weekday::toDayOfWeek).anyMatch(d -> d == day.getDayOfWeek());
  }

  private Interval intervalOn(TimeWindow w, LocalDate day) {
    LocalTime start = parseStart(w.start());
    LocalDate endDay;
    LocalTime end;
    if (w.end().equals("24:00")) {
      endDay = day.plusDays(1);
      end = LocalTime.MIDNIGHT;
    } else {
      end = parseEnd(w.end());
      endDay = end.isAfter(start) ? day : day.plusDays(1);
    }
    Instant from = ZonedDateTime.of(day, start, zone).withEarlierOffsetAtOverlap().toInstant();
    Instant to = ZonedDateTime.of(endDay, end, zone).withLaterOffsetAtOverlap().toInstant();
    return new Interval(from, to);
  }

  private static LocalTime parseStart(String hhmm) {
    return parse(hhmm, "start");
  }

  private static LocalTime parseEnd(String hhmm) {
    return hhmm.equals("24:00") ? LocalTime.MIDNIGHT : parse(hhmm, "end");
  }

  private static LocalTime parse(String hhmm, String field) {
    try {
      return LocalTime.parse(hhmm);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "window " + field + " \"" + hhmm + "\" is not a time of day HH:MM");
    }
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private record Interval(Instant start, Instant end) {}
}
