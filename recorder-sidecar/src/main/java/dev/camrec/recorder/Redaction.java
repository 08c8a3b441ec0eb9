package dev.camrec.recorder;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Removes credentials from text before it reaches a log line, an exception or a metric. */
public final class Redaction {

  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  /** The parts of a presigned S3 URL that grant access (FFmpeg names its inputs in errors). */
  private static final Pattern PRESIGNED =
      Pattern.compile("(?<=[?&])(X-Amz-(?:Signature|Credential|Security-Token))=[^&\\s'\"]*");

  private final List<String> secrets;

  /**
   * @param secrets values that must never appear verbatim (passwords, secret keys); nulls ignored
   */
  public Redaction(List<String> secrets) {
    this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 3).toList();
  }

  public String apply(String text) {
    String redacted = USER_INFO.matcher(text).replaceAll("***@");
    redacted = PRESIGNED.matcher(redacted).replaceAll("$1=***");
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "***");
    }
    return redacted;
  }
}
