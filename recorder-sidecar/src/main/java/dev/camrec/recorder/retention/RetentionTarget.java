package dev.camrec.recorder.retention;

import dev.camrec.contract.store.StoreSettings;
import java.util.List;
import java.util.Optional;

/**
 * One storage target of a run and the cameras recording into it.
 *
 * @param where the bucket and endpoint, for messages (never a key)
 * @param store how to reach it; empty when its key pair is missing from the environment (the
 *     operator makes the Secret optional so that one missing Secret does not stop the other
 *     targets)
 */
public record RetentionTarget(String where, Optional<StoreSettings> store, List<String> cameras) {

  public RetentionTarget {
    cameras = List.copyOf(cameras);
  }
}
