package dev.camrec.sandbox.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters the bench reads at the start and end of a phase; a phase's figures are the
 * difference of two readings.
 *
 * @param s3Requests requests the store served, by operation
 * @param apiRequests requests the API server served for the operator (not for the bench itself)
 */
record Reading(
    Instant at,
    double cpuSeconds,
    long reconciles,
    Map<String, Long> s3Requests,
    long apiRequests) {

  long s3Total() {
    return s3Requests.values().stream().mapToLong(Long::longValue).sum();
  }

  /** What happened from {@code earlier} to this reading, per second and per camera. */
  String since(Reading earlier, int cameras) {
    double seconds = Duration.between(earlier.at, at).toMillis() / 1000.0;
    long s3 = s3Total() - earlier.s3Total();
    Map<String, String> perOperation = new TreeMap<>();
    s3Requests.forEach(
        (operation, count) -> {
          long served = count - earlier.s3Requests.getOrDefault(operation, 0L);
          if (served > 0) {
            perOperation.put(operation, String.format("%.3f", served * 60.0 / seconds / cameras));
          }
        });
    return String.format(
        "seconds=%.1f cpuSeconds=%.1f cpuShare=%.2f reconciles=%d reconcilesPerSecond=%.1f"
            + " s3PerSecond=%.1f s3PerCameraMinute=%.3f s3PerCameraMinuteByOperation=%s"
            + " apiPerSecond=%.1f",
        seconds,
        cpuSeconds - earlier.cpuSeconds,
        (cpuSeconds - earlier.cpuSeconds) / seconds,
        reconciles - earlier.reconciles,
        (reconciles - earlier.reconciles) / seconds,
        s3 / seconds,
        s3 * 60.0 / seconds / cameras,
        perOperation,
        (apiRequests - earlier.apiRequests) / seconds);
  }
}
