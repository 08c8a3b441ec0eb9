package dev.camrec.recorder.health;

import dev.camrec.contract.clock.CameraClockOffset;
import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport.LostFootage;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The recorder's Prometheus metrics and the facts readiness is judged on. One registry per recorder
 * (not the global default) so that several recorders can run in one test JVM. Labels carry nothing
 * but fixed words: no URL, no credential can end up in a metric.
 */
public final class RecorderMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Clock clock;
  private final AtomicReference<Instant> lastStoredAt = new AtomicReference<>();
  private final AtomicReference<LostFootage> lost = new AtomicReference<>();
  private final AtomicReference<CameraClockOffset> lastCameraClock = new AtomicReference<>();

  private final Counter segmentsStored =
      Counter.builder()
          .name("camrec_segments_stored_total")
          .help("Segments the object store confirmed")
          .register(registry);
  private final Counter bytesStored =
      Counter.builder()
          .name("camrec_bytes_stored_total")
          .help("Bytes of segments the object store confirmed")
          .register(registry);
  private final Histogram uploadLatency =
      Histogram.builder()
          .name("camrec_upload_latency_seconds")
          .help("From a segment being finished by FFmpeg to the object store confirming it")
          .classicOnly()
          .classicUpperBounds(0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30, 60, 300)
          .register(registry);
  private final Counter reconnects =
      Counter.builder()
          .name("camrec_reconnects_total")
          .help("FFmpeg relaunches after the camera dropped, stalled or failed")
          .register(registry);
  private final Counter gaps =
      Counter.builder()
          .name("camrec_recording_gaps_total")
          .help("Times recording was interrupted other than by our own stop")
          .register(registry);
  private final Counter gapSeconds =
      Counter.builder()
          .name("camrec_recording_gap_seconds_total")
          .help("Seconds of recording missing, counted when recording resumes after each gap")
          .register(registry);
  private final Counter segmentsLost =
      Counter.builder()
          .name("camrec_segments_lost_total")
          .help("Segments deleted before they were stored (spool full or unreadable)")
          .register(registry);
  private final Counter uploadFailures =
      Counter.builder()
          .name("camrec_upload_failures_total")
          .help("Failed upload attempts (each is retried)")
          .register(registry);

  private final Gauge cameraClockOffset =
      Gauge.builder()
          .name("camrec_camera_clock_offset_seconds")
          .help(
              "How far the camera's clock (its RTCP sender reports) is ahead of the recorder's;"
                  + " negative: behind. NaN until the camera sent a report")
          .register(registry);
  private final Gauge keysOnCameraClock =
      Gauge.builder()
          .name("camrec_keys_on_camera_clock")
          .help("1 when the current connection's segment keys are on the camera's clock, else 0")
          .register(registry);

  public RecorderMetrics(Clock clock) {
    this.clock = clock;
    cameraClockOffset.set(Double.NaN);
  }

  /** Spool backlog, read at scrape time so it is never stale. */
  public void watchBacklog(LongSupplier segments, LongSupplier bytes) {
    GaugeWithCallback.builder()
        .name("camrec_spool_backlog_segments")
        .help("Finished segments waiting in the spool for upload")
        .callback(cb -> cb.call(segments.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("camrec_spool_backlog_bytes")
        .help("Bytes in the spool waiting for upload")
        .callback(cb -> cb.call(bytes.getAsLong()))
        .register(registry);
  }

  public void segmentStored(long bytes, Duration sinceFinished) {
    segmentsStored.inc();
    bytesStored.inc(bytes);
    uploadLatency.observe(Math.max(0, sinceFinished.toNanos()) / 1e9);
    lastStoredAt.set(clock.instant());
  }

  public void cameraClock(CameraClockOffset clock) {
    lastCameraClock.set(clock);
    clock.offset().ifPresent(o -> cameraClockOffset.set(o.toNanos() / 1e9));
    keysOnCameraClock.set(clock.keys() == CameraClockOffset.KeyClock.CAMERA ? 1 : 0);
  }

  /** What the current connection learnt of the camera's clock; empty before its first segment. */
  public Optional<CameraClockOffset> cameraClock() {
    return Optional.ofNullable(lastCameraClock.get());
  }

  public void uploadFailed() {
    uploadFailures.inc();
  }

  public void reconnected() {
    reconnects.inc();
  }

  public void gap() {
    gaps.inc();
  }

  public void gapSeconds(Duration length) {
    gapSeconds.inc(length.toMillis() / 1e3);
  }

  public double gapSeconds() {
    return gapSeconds.get();
  }

  /** A segment deleted before it was stored: counted, and its time added to {@link #lost}. */
  public void segmentLost(SegmentKey segment) {
    segmentsLost.inc();
    LostFootage loss =
        new LostFootage(
            1,
            segment.duration().toSeconds(),
            segment.start().toString(),
            segment.end().toString());
    lost.accumulateAndGet(loss, (before, now) -> before == null ? now : before.plus(now));
  }

  /**
   * What was lost so far: the losses of this process, after those {@link #carryOverLoss} took from
   * the previous one.
   */
  public Optional<LostFootage> lost() {
    return Optional.ofNullable(lost.get());
  }

  /**
   * A previous process's loss that is still to be shown (its report said so): a recorder restart
   * must not hide lost footage from the Camera.
   */
  public void carryOverLoss(LostFootage earlier) {
    lost.accumulateAndGet(earlier, (before, e) -> before == null ? e : e.plus(before));
  }

  public long segmentsStored() {
    return (long) segmentsStored.get();
  }

  public long reconnects() {
    return (long) reconnects.get();
  }

  public long gaps() {
    return (long) gaps.get();
  }

  public long segmentsLost() {
    return (long) segmentsLost.get();
  }

  /**
   * Ready when a segment was stored within {@code window}; not before the first one is, so that a
   * ready recorder always means recordings are landing (the Camera's Ready condition says so).
   */
  public boolean ready(Duration window) {
    Instant last = lastStoredAt.get();
    return last != null && clock.instant().isBefore(last.plus(window));
  }

  public PrometheusRegistry registry() {
    return registry;
  }
}
