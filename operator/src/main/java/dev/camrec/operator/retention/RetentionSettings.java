package dev.camrec.operator.retention;

/** {@link RetentionConfig} as plain values, for CDI and tests alike. */
public record RetentionSettings(long activeDeadlineSeconds, long startingDeadlineSeconds) {

  public static RetentionSettings from(RetentionConfig config) {
    return new RetentionSettings(config.activeDeadlineSeconds(), config.startingDeadlineSeconds());
  }
}
