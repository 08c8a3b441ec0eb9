package dev.camrec.operator.retention;

import io.smallrye.config.ConfigMapping;

/**
 * How retention Jobs run: {@code camrec.retention.*} keys or their env form. Every default is in
 * application.properties, with why.
 */
@ConfigMapping(prefix = "camrec.retention")
public interface RetentionConfig {

  /** A run still going after this long is stopped (the next run goes on where it stopped). */
  long activeDeadlineSeconds();

  /** A run that could not start within this long of its time is skipped. */
  long startingDeadlineSeconds();
}
