package dev.camrec.recorder;

import java.util.logging.LogManager;

/**
 * JUL's own shutdown hook closes every handler, racing our shutdown hook, which then logs into the
 * void exactly when the last segment is being finished and uploaded. This manager ignores that
 * reset; the JVM flushes stderr on exit anyway.
 */
public final class ShutdownSafeLogManager extends LogManager {

  @Override
  public void reset() {
    // keep handlers alive through shutdown hooks
  }
}
