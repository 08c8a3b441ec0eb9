package dev.camrec.recorder.retention;

import java.util.Optional;

/**
 * What deleting one camera's planned segments came to.
 *
 * @param deleted segments gone (or, dry, that would be)
 * @param freedBytes their bytes
 * @param failed segments still there after the retries
 * @param failure why the last of those failed: the store's error code, never a URL or key pair
 */
public record Tally(long deleted, long freedBytes, long failed, Optional<String> failure) {

  public static final Tally NONE = new Tally(0, 0, 0, Optional.empty());

  public Tally plus(Tally other) {
    return new Tally(
        deleted + other.deleted,
        freedBytes + other.freedBytes,
        failed + other.failed,
        other.failure.or(() -> failure));
  }
}
