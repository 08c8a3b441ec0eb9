package dev.camrec.recorder.record;

import dev.camrec.contract.layout.RecorderReportKey;
import dev.camrec.contract.layout.SegmentFreshness;
import dev.camrec.contract.store.StoreConnection;
import dev.camrec.contract.store.StoreTimeouts;
import dev.camrec.recorder.Redaction;
import dev.camrec.recorder.health.HealthServer;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.report.ReportContents;
import dev.camrec.recorder.report.StatusReporter;
import dev.camrec.recorder.spool.PartialSegmentProbe;
import dev.camrec.recorder.spool.Spool;
import dev.camrec.recorder.upload.Uploader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * One camera's recorder: FFmpeg supervision, spool, uploader and health endpoints, wired together.
 */
public final class Recorder implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Recorder.class.getName());

  private final RecordingConfig config;
  private final RecorderMetrics metrics;
  private final StoreConnection store;
  private final Spool spool;
  private final Uploader uploader;
  private final FfmpegSupervisor supervisor;
  private final HealthServer health;
  private final StatusReporter reporter;
  private final Thread supervisorThread;

  private Recorder(RecordingConfig config) throws IOException, InterruptedException {
    Clock clock = Clock.systemUTC();
    this.config = config;
    this.metrics = new RecorderMetrics(clock);
    this.spool =
        new Spool(
            config.spoolDir(),
            config.spoolMaxBytes(),
            metrics,
            clock,
            config.namespace(),
            config.camera());
    metrics.watchBacklog(spool::backlogSegments, spool::backlogBytes);
    // One connection for the bucket check and the segment PUTs, closed with the recorder.
    this.store = StoreConnection.open(config.store(), StoreTimeouts.TRANSFER);
    this.uploader = new Uploader(store, spool, metrics, clock);
    uploader.checkBucket();
    PartialSegmentProbe probe = new PartialSegmentProbe(config.ffprobe());
    // Leftovers of a previous process (killed mid-segment) go first: they are the oldest data. An
    // FFmpeg that process left running is ended first, so that it finishes what it was writing.
    LeftoverFfmpeg.end(spool.incoming());
    spool.recoverIncoming(probe);
    Redaction redaction =
        new Redaction(
            List.of(
                config.password() == null ? "" : config.password(), config.store().secretKey()));
    this.supervisor =
        new FfmpegSupervisor(config, spool, probe, metrics, redaction, clock, uploader::wakeUp);
    this.reporter =
        new StatusReporter(
            store,
            new RecorderReportKey(config.namespace(), config.camera()),
            clock,
            new ReportContents(clock.instant(), metrics, spool, supervisor)::at);
    Duration window = SegmentFreshness.readinessWindow(config.segment());
    this.health = new HealthServer(config.http(), metrics, () -> metrics.ready(window));
    this.supervisorThread = new Thread(supervisor::run, "ffmpeg-supervisor");
  }

  /** Starts recording; returns once FFmpeg and the uploader are running. */
  public static Recorder start(RecordingConfig config) throws IOException, InterruptedException {
    Recorder recorder = new Recorder(config);
    LOG.info("recording " + config);
    recorder.reporter.start(recorder.metrics);
    recorder.uploader.start();
    recorder.supervisorThread.start();
    return recorder;
  }

  public int httpPort() {
    return health.port();
  }

  public RecorderMetrics metrics() {
    return metrics;
  }

  /**
   * Blocks until recording meets a cause that relaunching FFmpeg cannot fix; FFmpeg is no longer
   * running then, and {@link #stop} still uploads what was recorded. Blocks for good otherwise.
   */
  public FatalCause awaitFatalCause() {
    return supervisor.fatalCause().join();
  }

  /**
   * Graceful stop: FFmpeg finishes its open segment, then the spool is drained within what is left
   * of {@code grace}. Whatever is not stored by then stays in the spool for the next start.
   */
  public boolean stop(Duration grace) throws InterruptedException {
    long started = System.nanoTime();
    supervisor.stop(grace.dividedBy(3));
    supervisorThread.join(grace.dividedBy(3).toMillis());
    Duration left = grace.minusNanos(System.nanoTime() - started).minusSeconds(1);
    boolean drained = uploader.drain(left.isNegative() ? Duration.ZERO : left);
    if (!drained) {
      LOG.severe(
          spool.backlogSegments()
              + " segment(s) not stored before the grace period ended; "
              + "they stay in the spool for the next start");
    }
    return drained;
  }

  @Override
  public void close() throws Exception {
    try {
      // Never leave an FFmpeg behind, even when stop() was not called (a no-op after it was).
      supervisor.stop(Duration.ofSeconds(5));
      uploader.close();
      reporter.close();
    } finally {
      health.close();
      store.close();
    }
  }
}
