package dev.camrec.recorder.record;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.recorder.Redaction;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.spool.PartialSegmentProbe;
import dev.camrec.recorder.spool.Spool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs FFmpeg for as long as the recorder runs. FFmpeg exits (often with code 0) when the camera
 * drops or stalls; only our own {@link #stop} is a reason not to relaunch, so every other exit is a
 * gap, followed by a relaunch after a backoff (1 s doubling to 30 s, reset by a run that finished a
 * segment). Each run gets its own anchor, file prefix and start markers. Runs whose stderr shows a
 * {@link FatalCause} end supervision: see {@link #fatalCause}.
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
  private final FatalCauseDetector fatalCauses;
  private final CompletableFuture<FatalCause> fatalCause = new CompletableFuture<>();
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
    this.fatalCauses =
        new FatalCauseDetector(config.username() != null && !config.username().isEmpty());
  }

  /**
   * Completes when a run showed a cause that relaunching cannot fix; supervision has ended then,
   * and the recorder should stop. Never completes when supervision ends for {@link #stop}.
   */
  public CompletableFuture<FatalCause> fatalCause() {
    return fatalCause;
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
        if (run.recorded && !run.gapCounted) {
          metrics.gap();
        }
        Optional<FatalCause> fatal = fatalCauses.runEnded(run.recorded);
        if (fatal.isPresent()) {
          fatalCause.complete(fatal.get());
          break;
        }
        if (run.segments > 0) {
          backoff.reset();
        }
        Duration delay = backoff.nextDelay();
        LOG.warning(
            "ffmpeg exited with code "
                + code
                + " after "
                + run.segments
                + " finished segment(s): camera dropped, stalled or failed; reconnecting in "
                + delay.toMillis()
                + " ms");
        if (stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        metrics.reconnected();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.log(
          Level.SEVERE, "recording stopped: " + redaction.apply(String.valueOf(e.getMessage())), e);
    } finally {
      finished.countDown();
    }
  }

  /**
   * Asks FFmpeg to finish its open segment, once: {@code q} on its stdin. We chose {@code q} over
   * SIGINT because FFmpeg 7.1, once muxing has started, does not act on a first SIGINT with a
   * network input (it kept recording until the camera went away; a second signal would abandon the
   * open segment), while {@code q} ends it at once with the last segment finalized and listed.
   * {@code q} is only read by FFmpeg's muxing loop, so a run still connecting to the camera gets
   * SIGTERM after a few seconds (FFmpeg aborts its connect on that), and a process that outlives
   * the whole timeout is killed; its partial segment is then recovered from the spool like after a
   * crash.
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
      requestQuit(p);
      if (!p.waitFor(Math.min(3000, timeout.toMillis() / 2), TimeUnit.MILLISECONDS)) {
        LOG.warning("ffmpeg did not act on q (still connecting?); sending SIGTERM");
        p.destroy();
      }
      if (!p.waitFor(timeout.toMillis() / 2, TimeUnit.MILLISECONDS)) {
        LOG.severe("ffmpeg did not finish within " + timeout.toMillis() + " ms; killing it");
        p.destroyForcibly();
      }
    }
    finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void requestQuit(Process p) {
    try {
      OutputStream stdin = p.getOutputStream();
      stdin.write('q');
      stdin.flush();
    } catch (IOException e) {
      LOG.warning("cannot write q to ffmpeg (" + e.getMessage() + "); sending SIGTERM");
      p.destroy();
    }
  }

  /** One FFmpeg process from launch to exit. */
  private final class Run {
    private final RunAnchor anchor = new RunAnchor();
    private final RunClock runClock =
        new RunClock(
            config.effectiveClock(),
            config.clockTolerance(),
            anchor,
            config.namespace(),
            config.camera());
    private final String prefix;
    private Process process;
    private Thread stderrReader;
    private volatile int segments;
    private volatile boolean recorded;

    /** The watchdog counts a stall's gap when it notices it, not when FFmpeg is finally gone. */
    private volatile boolean gapCounted;

    private volatile boolean firstMarkerWritten;
    private volatile long lastOutTimeMicros = -1;
    private volatile Instant lastMediaAt;

    Run() {
      long id = Math.max(clock.millis(), lastRunId + 1);
      lastRunId = id;
      prefix = "run" + id + "-";
    }

    boolean launch() throws IOException {
      var cmd =
          FfmpegCommandLine.build(
              config,
              config.sourceWithCredentials(),
              spool.incoming().resolve(prefix + "%06d.mp4"));
      synchronized (lock) {
        if (stopping) {
          return false;
        }
        process = new ProcessBuilder(cmd).start();
        current = process;
      }
      LOG.info("ffmpeg started (pid " + process.pid() + ") recording " + config.source());
      stderrReader = new Thread(() -> readStderr(process.getErrorStream()), "ffmpeg-stderr");
      stderrReader.setDaemon(true);
      stderrReader.start();
      Thread watchdog = new Thread(this::watchForStall, "ffmpeg-stall-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      return true;
    }

    /**
     * Ends the run when the media time stops advancing for the input timeout. FFmpeg's own socket
     * timeout also fires, but only seconds later (it counts from the last byte, and the socket
     * buffers still held data when the camera stalled); this counts from the last muxed media.
     * FFmpeg's -timeout still covers connecting, before any media arrived.
     */
    private void watchForStall() {
      long writtenBytes = -1;
      // A tenth of the timeout: a stall is noticed within 10 % of it, at a handful of directory
      // listings a second at most (the recorder's idle CPU is a budget: see bench/RESULTS.md).
      long checkMillis = Math.max(100, config.inputTimeout().toMillis() / 10);
      try {
        while (!process.waitFor(checkMillis, TimeUnit.MILLISECONDS)) {
          // Progress reports do not always reach us (FFmpeg holds them back in some states), so
          // fragments reaching the disk count as media arriving too.
          long written = spool.incomingBytes(prefix);
          if (written != writtenBytes) {
            if (writtenBytes >= 0 && written > 0) {
              lastMediaAt = clock.instant();
            }
            writtenBytes = written;
          }
          Instant last = lastMediaAt;
          if (last != null
              && Duration.between(last, clock.instant()).compareTo(config.inputTimeout()) > 0) {
            LOG.warning(
                "no media from the camera for "
                    + config.inputTimeout().toSeconds()
                    + " s: the camera stalled; ending this run");
            gapCounted = true;
            metrics.gap();
            requestQuit(process);
            if (!process.waitFor(1000, TimeUnit.MILLISECONDS)) {
              // Blocked on the dead socket: the open segment is recovered from the spool.
              process.destroyForcibly();
            }
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    int awaitExit() throws IOException, InterruptedException {
      readSegmentList(process.getInputStream());
      int code = process.waitFor();
      stderrReader.join(5000);
      // A crash or kill leaves the open segment unlisted: name it like a restart would.
      runClock.ended().forEach(this::keyed);
      spool.recoverIncoming(probe);
      onSegmentFinished.run();
      return code;
    }

    private void readSegmentList(InputStream stdout) {
      try (BufferedReader lines = reader(stdout)) {
        String line;
        while ((line = lines.readLine()) != null) {
          String text = line;
          SegmentListLine.parse(text)
              .ifPresentOrElse(
                  this::segmentFinished,
                  () -> LOG.warning("unexpected segment list line: " + redaction.apply(text)));
        }
      } catch (IOException e) {
        // Process.destroy() closes our end of FFmpeg's pipes: it needed a signal (our stop, or a
        // stall it did not leave on q). Not the end of recording: the run ends as usual, and the
        // segment the list did not name is recovered from incoming/ right after.
        LOG.info("segment list cut off (" + e.getMessage() + "); FFmpeg was signalled");
      }
    }

    private void segmentFinished(SegmentListLine line) {
      Instant finishedAt = clock.instant();
      Optional<Instant> cameraStart =
          SegmentCameraTime.read(spool.incoming().resolve(line.fileName()), finishedAt);
      runClock.finished(line, finishedAt, cameraStart).forEach(this::keyed);
      runClock.offset().ifPresent(metrics::cameraClock);
    }

    private void keyed(RunClock.Keyed keyed) {
      SegmentListLine line = keyed.line();
      SegmentKey key = keyed.key();
      try {
        spool.finish(line.fileName(), key);
        segments++;
        recorded = true;
        lastMediaAt = clock.instant();
        LOG.info("segment finished: " + key.objectKey());
        Matcher m = SEGMENT_INDEX.matcher(line.fileName());
        if (m.matches()) {
          String next = String.format("%s%06d.mp4", m.group(1), Integer.parseInt(m.group(2)) + 1);
          spool.markStart(next, key.end());
        }
        onSegmentFinished.run();
      } catch (IOException e) {
        LOG.log(
            Level.SEVERE, "cannot move finished segment " + line.fileName() + " to the spool", e);
      }
    }

    private void readStderr(InputStream stderr) {
      try (BufferedReader lines = reader(stderr)) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("out_time_us=")) {
            progress(line.substring("out_time_us=".length()));
          } else if (!PROGRESS_FIELD.matcher(line).matches() && !line.isBlank()) {
            LOG.info("ffmpeg: " + redaction.apply(line));
            fatalCauses.stderrLine(line);
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
      Instant now = clock.instant();
      anchor.onProgress(now, Duration.ofNanos(us * 1000));
      if (us > lastOutTimeMicros) {
        lastOutTimeMicros = us;
        lastMediaAt = now;
      }
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
