package dev.camrec.operator.retention;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a schedule the way the CronJob controller will read it (five fields: minute, hour, day of
 * month, month, day of week; lists, ranges, steps, month and weekday names; or a macro such as
 * {@code @daily}), so a mistake is reported in the policy's condition instead of a CronJob that
 * never runs. The CRD's pattern only counts fields.
 */
final class CronSchedule {

  private static final List<String> MACROS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private record Field(String name, int min, int max, Map<String, Integer> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, Map.of()),
          new Field("hour", 0, 23, Map.of()),
          new Field("day of month", 1, 31, Map.of()),
          new Field(
              "month",
              1,
              12,
              Map.ofEntries(
                  Map.entry("jan", 1),
                  Map.entry("feb", 2),
                  Map.entry("mar", 3),
                  Map.entry("apr", 4),
                  Map.entry("may", 5),
                  Map.entry("jun", 6),
                  Map.entry("jul", 7),
                  Map.entry("aug", 8),
                  Map.entry("sep", 9),
                  Map.entry("oct", 10),
                  Map.entry("nov", 11),
                  Map.entry("dec", 12))),
          new Field(
              "day of week",
              0,
              6,
              Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6)));

  /** {@code *}, {@code ?}, {@code a} or {@code a-b}, optionally {@code /step}. */
  private static final Pattern ITEM =
      Pattern.compile("(\\*|\\?|([a-zA-Z0-9]+)(?:-([a-zA-Z0-9]+))?)(?:/([0-9]+))?");

  private CronSchedule() {}

  /** What is wrong with the schedule, for a person to fix; empty when the CronJob can run it. */
  static Optional<String> problem(String schedule) {
    if (schedule == null || schedule.isBlank()) {
      return Optional.of("spec.schedule is empty");
    }
    String s = schedule.trim();
    if (s.startsWith("@")) {
      return MACROS.contains(s.toLowerCase(Locale.ROOT))
          ? Optional.empty()
          : Optional.of("unknown macro " + s + "; use one of " + String.join(", ", MACROS));
    }
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      return Optional.of("a time zone in the schedule is not supported; schedules are in UTC");
    }
    String[] fields = s.split("\\s+");
    if (fields.length != FIELDS.size()) {
      return Optional.of(
          "a schedule has 5 fields (minute hour day-of-month month day-of-week), this one has "
              + fields.length);
    }
    for (int i = 0; i < fields.length; i++) {
      Optional<String> p = fieldProblem(FIELDS.get(i), fields[i]);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(Field field, String text) {
    for (String item : text.split(",", -1)) {
      Matcher m = ITEM.matcher(item);
      if (!m.matches()) {
        return Optional.of(field.name + " field: cannot read '" + item + "'");
      }
      if (m.group(1).equals("?") && !field.name.startsWith("day of")) {
        return Optional.of(field.name + " field: ? is only for the day fields");
      }
      if (m.group(4) != null && Integer.parseInt(m.group(4)) == 0) {
        return Optional.of(field.name + " field: a step of 0 in '" + item + "'");
      }
      if (m.group(2) == null) {
        continue;
      }
      Optional<Integer> from = value(field, m.group(2));
      Optional<Integer> to = m.group(3) == null ? from : value(field, m.group(3));
      if (from.isEmpty() || to.isEmpty()) {
        return Optional.of(
            field.name
                + " field: '"
                + item
                + "' is outside "
                + field.min
                + "-"
                + field.max
                + (field.names.isEmpty() ? "" : " (or a three-letter name)"));
      }
      if (from.get() > to.get()) {
        return Optional.of(field.name + " field: the range '" + item + "' runs backwards");
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> value(Field field, String text) {
    Integer named = field.names.get(text.toLowerCase(Locale.ROOT));
    if (named != null) {
      return Optional.of(named);
    }
    if (!text.chars().allMatch(Character::isDigit) || text.length() > 4) {
      return Optional.empty();
    }
    int n = Integer.parseInt(text);
    return n < field.min || n > field.max ? Optional.empty() : Optional.of(n);
  }
}
