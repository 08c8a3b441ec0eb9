package dev.camrec.recorder.record;

import dev.camrec.recorder.Redaction;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.layout.SegmentKey;
import dev.camrec.recorder.spool.PartialSegmentProbe;
import dev.camrec.recorder.spool.Spool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs FFmpeg for as long as the recorder runs. FFmpeg exits (often with code 0) when the camera
 * drops or stalls; only our own {@link #stop} is a reason not to relaunch, so every other exit is
 * a gap, followed by a relaunch after a backoff (1 s doubling to 30 s, reset by a run that
 * finished a segment). Each run gets its own anchor, file prefix and start markers.
 */
public final class FfmpegSupervisor {

  private static final Logger LOG = Logger.getLogger(FfmpegSupervisor.class.getName());
  private static final Pattern SEGMENT_INDEX = Pattern.compile("(.*-)(\\d{6})\\.mp4");
  private static final Pattern PROGRESS_FIELD = Pattern.compile("^[a-z0-9_]+=.*");

  private final RecordingConfig config;
  private final Spool spool;
  private final PartialSegmentProbe probe;
  private final RecorderMetrics metrics;
  private final Redaction redaction;
  private final Clock clock;
  private final Runnable onSegmentFinished;
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Object lock = new Object();
  private Process current;
  private boolean stopping;
  private long lastRunId;

  public FfmpegSupervisor(
      RecordingConfig config,
      Spool spool,
      PartialSegmentProbe probe,
      RecorderMetrics metrics,
      Redaction redaction,
      Clock clock,
      Runnable onSegmentFinished) {
    this.config = config;
    this.spool = spool;
    this.probe = probe;
    this.metrics = metrics;
    this.redaction = redaction;
    this.clock = clock;
    this.onSegmentFinished = onSegmentFinished;
  }

  /** Runs until {@link #stop}; meant for its own thread. */
  public void run() {
    try {
      while (true) {
        Run run = new Run();
        if (!run.launch()) {
          break;
        }
        int code = run.awaitExit();
        synchronized (lock) {
          if (stopping) {
            LOG.info("ffmpeg finished after our stop request (exit " + code + ")");
            break;
          }
        }
        if (run.recorded) {
          metrics.gap();
        }
        if (run.segments > 0) {
          backoff.reset();
        }
        Duration delay = backoff.nextDelay();
        LOG.warning("ffmpeg exited with code " + code + " after " + run.segments
            + " finished segment(s): camera dropped, stalled or failed; reconnecting in "
            + delay.toMillis() + " ms");
        if (stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        metrics.reconnected();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "recording stopped: " + redaction.apply(String.valueOf(e.getMessage())), e);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Asks FFmpeg to finish: exactly one SIGINT (a second would make it abandon the open segment),
   * then waits for it to write the segment's last fragment and list it.
   */
  public void stop(Duration timeout) throws InterruptedException {
    Process p;
    synchronized (lock) {
      if (stopping) {
        finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      stopping = true;
      p = current;
    }
    stopRequested.countDown();
    if (p != null && p.isAlive()) {
      interrupt(p);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.severe("ffmpeg did not finish within " + timeout.toMillis() + " ms of SIGINT; killing it");
        p.destroyForcibly();
      }
    }
    finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * SIGINT through {@code kill}: the JDK can only send SIGTERM/SIGKILL. Chosen over writing
   * {@code q} to FFmpeg's stdin because FFmpeg only polls the keyboard in its muxing loop, while
   * SIGINT also ends a run that is still connecting or blocked on a stalled camera.
   */
  private static void interrupt(Process p) throws InterruptedException {
    try {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        LOG.severe("kill -INT " + p.pid() + " failed; killing ffmpeg");
        p.destroyForcibly();
      }
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "cannot send SIGINT to ffmpeg; killing it", e);
      p.destroyForcibly();
    }
  }

  /** One FFmpeg process from launch to exit. */
  private final class Run {
    private final RunAnchor anchor = new RunAnchor();
    private final String prefix;
    private Process process;
    private Thread stderrReader;
    private volatile int segments;
    private volatile boolean recorded;
    private volatile boolean firstMarkerWritten;

    Run() {
      long id = Math.max(clock.millis(), lastRunId + 1);
      lastRunId = id;
      prefix = "run" + id + "-";
    }

    boolean launch() throws IOException {
      var cmd = FfmpegCommandLine.build(config, config.sourceWithCredentials(),
          spool.incoming().resolve(prefix + "%06d.mp4"));
      synchronized (lock) {
        if (stopping) {
          return false;
        }
        process = new ProcessBuilder(cmd).start();
        current = process;
      }
      LOG.info("ffmpeg started (pid " + process.pid() + ") recording " + config.source());
      process.getOutputStream().close();
      stderrReader = new Thread(() -> readStderr(process.getErrorStream()), "ffmpeg-stderr");
      stderrReader.setDaemon(true);
      stderrReader.start();
      return true;
    }

    int awaitExit() throws IOException, InterruptedException {
      readSegmentList(process.getInputStream());
      int code = process.waitFor();
      stderrReader.join(5000);
      // A crash or kill leaves the open segment unlisted: name it like a restart would.
      spool.recoverIncoming(probe);
      return code;
    }

    private void readSegmentList(InputStream stdout) throws IOException {
      try (BufferedReader lines = reader(stdout)) {
        String line;
        while ((line = lines.readLine()) != null) {
          String text = line;
          SegmentListLine.parse(text).ifPresentOrElse(this::segmentFinished,
              () -> LOG.warning("unexpected segment list line: " + redaction.apply(text)));
        }
      }
    }

    private void segmentFinished(SegmentListLine line) {
      SegmentKey key = anchor.keyFor(line, clock.instant(), config.namespace(), config.camera());
      try {
        spool.finish(line.fileName(), key);
        segments++;
        recorded = true;
        LOG.info("segment finished: " + key.objectKey());
        Matcher m = SEGMENT_INDEX.matcher(line.fileName());
        if (m.matches()) {
          String next = String.format("%s%06d.mp4", m.group(1), Integer.parseInt(m.group(2)) + 1);
          spool.markStart(next, key.end());
        }
        onSegmentFinished.run();
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "cannot move finished segment " + line.fileName() + " to the spool", e);
      }
    }

    private void readStderr(InputStream stderr) {
      try (BufferedReader lines = reader(stderr)) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("out_time_us=")) {
            progress(line.substring("out_time_us=".length()));
          } else if (!PROGRESS_FIELD.matcher(line).matches() && !line.isBlank()) {
            LOG.info("ffmpeg: " + redaction.apply(line));
          }
        }
      } catch (IOException e) {
        LOG.fine("ffmpeg stderr closed: " + e.getMessage());
      }
    }

    private void progress(String micros) {
      long us;
      try {
        us = Long.parseLong(micros.trim());
      } catch (NumberFormatException e) {
        return; // "N/A" before the first packet
      }
      anchor.onProgress(clock.instant(), Duration.ofNanos(us * 1000));
      if (us > 0 && segments == 0) {
        recorded = true;
        // Keep the first segment's marker at the best estimate until the anchor freezes.
        anchor.current().ifPresent(a -> spool.markStart(prefix + "000000.mp4", a));
        if (!firstMarkerWritten) {
          firstMarkerWritten = true;
          LOG.info("receiving media; run anchored at " + anchor.current().orElseThrow());
        }
      }
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
