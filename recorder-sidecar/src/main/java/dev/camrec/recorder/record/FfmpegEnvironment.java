package dev.camrec.recorder.record;

import java.util.Map;
import java.util.Set;

/**
 * What FFmpeg inherits of the recorder's environment: only what it reads. The recorder's own
 * environment holds the store's secret key (and, in tests, whatever the caller set); FFmpeg needs
 * none of it, and a process's environment is readable by whoever can read its /proc entry.
 */
public final class FfmpegEnvironment {

  /**
   * PATH and LD_LIBRARY_PATH to find its libraries (the bundled build loads them beside itself), TZ
   * for its log times, and the proxy settings its HTTP client honours for HTTP cameras.
   */
  static final Set<String> KEPT = Set.of("PATH", "LD_LIBRARY_PATH", "TZ", "http_proxy", "no_proxy");

  private FfmpegEnvironment() {}

  /** Removes from a ProcessBuilder's environment everything FFmpeg does not read. */
  public static void restrict(Map<String, String> environment) {
    environment.keySet().retainAll(KEPT);
  }
}
