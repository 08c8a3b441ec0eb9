package dev.camrec.operator.retention;

import java.util.Locale;

/** A byte count as kubectl users read quantities: 1.8Gi, 512Mi, 900. */
final class Bytes {

  private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Bytes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value >= 100
            ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.1f", value);
    return number.replaceAll("\\.0$", "") + UNITS[unit];
  }
}
