package dev.camrec.sandbox.pods;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's {@code spec.schedule} as Kubernetes reads it: five fields (minute, hour, day of
 * month, month, day of week) with lists, ranges, steps and month and day names, or one of the
 * macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}. When both day fields
 * are restricted a day matching either runs (classic cron's OR rule); when one is {@code *} only
 * the other decides. Evaluated in the CronJob's time zone, UTC by default.
 */
public final class CronSchedule {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  /** A schedule that matches nothing within this many years never fires (e.g. 30 February). */
  private static final int SEARCH_YEARS = 5;

  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;
  private final String expression;

  private CronSchedule(String expression, Field[] fields) {
    this.expression = expression;
    this.minutes = fields[0].bits();
    this.hours = fields[1].bits();
    this.daysOfMonth = fields[2].bits();
    this.months = fields[3].bits();
    // Sunday is 0 and 7; one bit for it.
    long dow = fields[4].bits();
    this.daysOfWeek = (dow | (dow >>> 7)) & 0x7F;
    this.anyDayOfMonth = fields[2].any();
    this.anyDayOfWeek = fields[4].any();
  }

  /**
   * @throws IllegalArgumentException with a message a person can act on
   */
  public static CronSchedule parse(String expression) {
    String trimmed = expression == null ? "" : expression.trim();
    String standard = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] parts = standard.split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "schedule \""
              + expression
              + "\" must have 5 fields (minute hour day-of-month month day-of-week) or be one of "
              + MACROS.keySet().stream().sorted().toList());
    }
    Field[] fields = {
      Field.parse("minute", parts[0], 0, 59, List.of()),
      Field.parse("hour", parts[1], 0, 23, List.of()),
      Field.parse("day of month", parts[2], 1, 31, List.of()),
      Field.parse("month", parts[3], 1, 12, MONTHS),
      Field.parse("day of week", parts[4], 0, 7, DAYS)
    };
    return new CronSchedule(trimmed, fields);
  }

  /** The first time strictly after {@code after} at which the schedule fires, in {@code zone}. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!has(months, t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!has(hours, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!has(minutes, t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        // A local time skipped by a daylight-saving jump resolves to the shifted instant; a
        // repeated one fires once, at its first occurrence.
        Instant fire = t.atZone(zone).toInstant();
        if (fire.isAfter(after)) {
          return Optional.of(fire);
        }
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = has(daysOfMonth, t.getDayOfMonth());
    boolean dow = has(daysOfWeek, t.getDayOfWeek().getValue() % 7);
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  @Override
  public String toString() {
    return expression;
  }

  /** One field's allowed values as bits, and whether it was left unrestricted ({@code *}). */
  private record Field(long bits, boolean any) {

    static Field parse(String name, String text, int min, int max, List<String> names) {
      long bits = 0;
      boolean any = false;
      for (String part : text.split(",", -1)) {
        String[] rangeAndStep = part.split("/", -1);
        if (rangeAndStep.length > 2 || part.isEmpty()) {
          throw invalid(name, text);
        }
        String range = rangeAndStep[0];
        int step = rangeAndStep.length == 2 ? number(name, text, rangeAndStep[1], 1, max) : 1;
        int low;
        int high;
        if (range.equals("*") || range.equals("?")) {
          low = min;
          high = max;
          // */2 restricts the days; * and */1 do not (matters for the day-of-month/week OR rule).
          any |= step == 1;
        } else {
          String[] bounds = range.split("-", -1);
          if (bounds.length > 2) {
            throw invalid(name, text);
          }
          low = value(name, text, bounds[0], min, max, names);
          // "5/15" means from 5 to the end of the range, every 15.
          high =
              bounds.length == 2
                  ? value(name, text, bounds[1], min, max, names)
                  : rangeAndStep.length == 2 ? max : low;
          if (high < low) {
            throw new IllegalArgumentException(
                name + " \"" + text + "\": range " + range + " ends before it starts");
          }
        }
        for (int v = low; v <= high; v += step) {
          bits |= 1L << v;
        }
      }
      return new Field(bits, any);
    }

    private static int value(
        String name, String text, String token, int min, int max, List<String> names) {
      int index = names.indexOf(token.toLowerCase(Locale.ROOT));
      if (index >= 0) {
        // Month names count from 1, day names from 0 (Sunday).
        return index + min;
      }
      return number(name, text, token, min, max);
    }

    private static int number(String name, String text, String token, int min, int max) {
      try {
        int value = Integer.parseInt(token);
        if (value < min || value > max) {
          throw new IllegalArgumentException(
              name + " \"" + text + "\": " + value + " is outside " + min + "-" + max);
        }
        return value;
      } catch (NumberFormatException e) {
        throw invalid(name, text);
      }
    }

    private static IllegalArgumentException invalid(String name, String text) {
      return new IllegalArgumentException(
          name + " \"" + text + "\" is not a number, name, range (a-b), step (*/n) or list (a,b)");
    }
  }
}
