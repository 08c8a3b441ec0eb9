package dev.camrec.sandbox.kube;

import java.time.Duration;

/**
 * Ages the way kubectl users know them ("45s", "5m3s", "3h10m", "2d4h"), as the API server renders
 * them.
 */
final class HumanDuration {

  private HumanDuration() {}

  static String of(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRemainder(hours / 24, "d", hours % 24, "h");
    }
    long days = hours / 24;
    if (days < 365 * 2) {
      return days + "d";
    }
    if (days < 365 * 8) {
      return withRemainder(days / 365, "y", days % 365, "d");
    }
    return days / 365 + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
