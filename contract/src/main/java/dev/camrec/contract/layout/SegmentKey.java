package dev.camrec.contract.layout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that knows how a recorded segment is named in the bucket: {@code
 * recordings/<namespace>/<camera>/<yyyy>/<MM>/<dd>/<UTC start>_<durationMs>.mp4}.
 *
 * <p>Start and duration live in the key so that listing a time range needs no HEAD per object, and
 * keys sort by time because the start is UTC with fixed width.
 */
public record SegmentKey(String namespace, String camera, Instant start, Duration duration) {

  public static final String RECORDINGS_PREFIX = "recordings/";
  private static final String EXTENSION = ".mp4";
  private static final DateTimeFormatter START =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** The first characters of {@link #START}: the start's UTC hour. */
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH").withZone(ZoneOffset.UTC);

  private static final Pattern FILE_NAME =
      Pattern.compile("(\\d{8}T\\d{6}\\.\\d{3}Z)_(\\d+)\\.mp4");

  public SegmentKey {
    start = start.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    if (duration.isNegative()) {
      throw new IllegalArgumentException("segment duration must not be negative: " + duration);
    }
  }

  /** Prefix of every segment of one camera. */
  public static String cameraPrefix(String namespace, String camera) {
    return RECORDINGS_PREFIX + namespace + "/" + camera + "/";
  }

  /** Prefix of one camera's segments that started on the given UTC day. */
  public static String dayPrefix(String namespace, String camera, Instant day) {
    return cameraPrefix(namespace, camera) + DAY.format(day) + "/";
  }

  /**
   * Prefix of one camera's segments that started in the given UTC hour. Not a folder: the day
   * prefix and the first characters of the file name, so a listing can ask for an hour of keys.
   */
  public static String hourPrefix(String namespace, String camera, Instant hour) {
    return dayPrefix(namespace, camera, hour) + HOUR.format(hour);
  }

  /** The file name part: {@code 20261122T120000.000Z_60000.mp4}. */
  public String fileName() {
    return START.format(start) + "_" + duration.toMillis() + EXTENSION;
  }

  public String objectKey() {
    return dayPrefix(namespace, camera, start) + fileName();
  }

  public Timing timing() {
    return new Timing(start, duration);
  }

  public Instant end() {
    return start.plus(duration);
  }

  /** Reads a key written by {@link #objectKey()}; empty for anything else under the bucket. */
  public static Optional<SegmentKey> parse(String objectKey) {
    if (!objectKey.startsWith(RECORDINGS_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = objectKey.substring(RECORDINGS_PREFIX.length()).split("/");
    if (parts.length != 6) {
      return Optional.empty();
    }
    return parseFileName(parts[5])
        .map(t -> new SegmentKey(parts[0], parts[1], t.start, t.duration));
  }

  /** Reads the start and duration out of a file name written by {@link #fileName()}. */
  public static Optional<Timing> parseFileName(String fileName) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      return Optional.empty();
    }
    Instant start = START.parse(m.group(1), Instant::from);
    return Optional.of(new Timing(start, Duration.ofMillis(Long.parseLong(m.group(2)))));
  }

  /** Start and duration of a segment, as its file name carries them. */
  public record Timing(Instant start, Duration duration) {}
}
