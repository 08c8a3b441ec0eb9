package dev.camrec.recorder.record;

import dev.camrec.contract.layout.SegmentKey;
import dev.camrec.contract.report.RecorderReport;
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
import java.util.Set;
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
 * gap, followed by a relaunch after a backoff (1 s doubling to 30 s, reset by a run that received
 * media, so that a camera that drops every few seconds is not left waiting longer each time). While
 * it waits, the supervisor probes the camera each second and relaunches at once when a camera that
 * was unreachable answers again. Each gap is logged as a {@link RecordingGap} once recording
 * resumes. Each run gets its own anchor, file prefix and start markers. Runs whose stderr shows a
 * {@link FatalCause} end supervision: see {@link #fatalCause}.
 */
public final class FfmpegSupervisor {

  private static final Logger LOG = Logger.getLogger(FfmpegSupervisor.class.getName());
  private static final Pattern SEGMENT_INDEX = Pattern.compile("(.*-)(\\d{6})\\.mp4");
  private static final Pattern PROGRESS_FIELD = Pattern.compile("^[a-z0-9_]+=.*");
  private static final Pattern REFUSED = Pattern.compile("Connection refused");
  private static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

  /**
   * Exit codes of a process ended by SIGABRT, SIGBUS, SIGFPE, SIGKILL or SIGSEGV (128 + signal).
   * FFmpeg's own error exits are its error code's low byte and often above 128 too (a refused
   * connection exits 145), but none of these: they would be errno values FFmpeg never meets on a
   * network input. SIGTERM (143) is left out: it is also EHOSTUNREACH's exit.
   */
  private static final Set<Integer> KILLED = Set.of(134, 135, 136, 137, 139);

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
  private final CameraProbe cameraProbe;
  private final CameraErrorDetector cameraErrors;
  private final CompletableFuture<FatalCause> fatalCause = new CompletableFuture<>();
  private final Object lock = new Object();
  private Process current;
  private boolean stopping;
  private long lastRunId;

  // Supervisor thread and the current run's stderr reader: guarded by lock.
  private Instant gapStart;
  private RecordingGap.Cause gapCause;

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
    this.cameraProbe = new CameraProbe(config.source(), PROBE_PERIOD);
    spool.recordedUntil().ifPresent(end -> gapOpened(end, RecordingGap.Cause.RECORDER_RESTARTED));
    this.cameraErrors = new CameraErrorDetector(config.source().toString(), config.inputTimeout());
  }

  /**
   * Completes when a run showed a cause that relaunching cannot fix; supervision has ended then,
   * and the recorder should stop. Never completes when supervision ends for {@link #stop}.
   */
  public CompletableFuture<FatalCause> fatalCause() {
    return fatalCause;
  }

  /** Why the camera gives no media right now, while the recorder retries. */
  public Optional<RecorderReport.CameraError> cameraError() {
    return cameraErrors.current();
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
        run.endCause(code).ifPresent(cause -> gapOpened(run.mediaEnd(), cause));
        run.attemptCause().ifPresent(this::gapLasted);
        cameraErrors.runEnded(
            run.recorded, Duration.between(run.launchedAt, clock.instant()), clock.instant());
        Optional<FatalCause> fatal = fatalCauses.runEnded(run.recorded);
        if (fatal.isPresent()) {
          fatalCause.complete(fatal.get());
          break;
        }
        if (run.recorded) {
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
        if (awaitRetry(delay)) {
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
   * Waits out the backoff, or less when the camera comes back: it is probed each second, and a
   * camera that did not answer a probe and then does is reconnected to at once, with the backoff
   * reset (its first answer may come before its RTSP server is ready). A camera that answers probes
   * all along (stalled, or failing beyond the handshake) waits out the whole backoff, so a camera
   * that is down is never asked more than once a second.
   *
   * @return whether our stop came meanwhile
   */
  private boolean awaitRetry(Duration delay) throws InterruptedException {
    Instant until = clock.instant().plus(delay);
    boolean wasAway = false;
    while (true) {
      long left = Duration.between(clock.instant(), until).toMillis();
      if (left <= 0) {
        return false;
      }
      if (stopRequested.await(Math.min(left, PROBE_PERIOD.toMillis()), TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!cameraProbe.reachable()) {
        wasAway = true;
      } else if (wasAway) {
        LOG.info("the camera accepts connections again; reconnecting now");
        backoff.reset();
        return false;
      }
    }
  }

  private void gapOpened(Instant start, RecordingGap.Cause cause) {
    synchronized (lock) {
      gapStart = start;
      gapCause = cause;
    }
  }

  /** A failed attempt during a gap: refused or unauthorized says more than what began it. */
  private void gapLasted(RecordingGap.Cause cause) {
    synchronized (lock) {
      if (gapStart != null) {
        gapCause = cause;
      }
    }
  }

  private void gapClosed(Instant end) {
    RecordingGap gap;
    synchronized (lock) {
      if (gapStart == null) {
        return;
      }
      gap = new RecordingGap(gapStart, end, gapCause);
      gapStart = null;
    }
    LOG.warning(gap.toString());
    metrics.gapSeconds(gap.length());
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
    private final Instant launchedAt = clock.instant();
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

    private volatile boolean refused;
    private volatile boolean unauthorized;
    private volatile Instant lastSegmentEnd;
    private final MediaLag lag = new MediaLag(lagWindow());

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
              // Absolute: how a later recorder finds an FFmpeg this one left behind.
              spool.incoming().toAbsolutePath().resolve(prefix + "%06d.mp4"));
      ProcessBuilder builder = new ProcessBuilder(cmd);
      FfmpegEnvironment.restrict(builder.environment());
      synchronized (lock) {
        if (stopping) {
          return false;
        }
        process = builder.start();
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
     * Ends the run when the media lags the wall clock by more than the input timeout (see {@link
     * MediaLag}: a flush of held-back packets does not hide a stall). FFmpeg's own socket timeout
     * counts from the last byte, which the socket buffers may have delivered well after the camera
     * stalled, and is followed by a TEARDOWN that waits once more; this counts from the media.
     * FFmpeg's -timeout still covers connecting, before any media arrived.
     */
    private void watchForStall() {
      long writtenBytes = -1;
      // A tenth of the timeout: a stall is noticed within 10 % of it, at a handful of directory
      // listings a second at most (the recorder's idle CPU is a budget: see bench/RESULTS.md).
      long checkMillis = Math.max(100, config.inputTimeout().toMillis() / 10);
      try {
        while (!process.waitFor(checkMillis, TimeUnit.MILLISECONDS)) {
          boolean mediaTimeReported = lastOutTimeMicros > 0;
          if (!mediaTimeReported) {
            // No media time reported yet (FFmpeg reports N/A or 0 until every output stream has
            // had a packet): fragments reaching the disk are then the only sign of media arriving.
            long written = spool.incomingBytes(prefix);
            if (written != writtenBytes) {
              if (writtenBytes >= 0 && written > 0) {
                lastMediaAt = clock.instant();
              }
              writtenBytes = written;
            }
          }
          Instant last = lastMediaAt;
          Duration behind =
              mediaTimeReported
                  ? lag.at(clock.instant()).orElse(Duration.ZERO)
                  : last == null ? Duration.ZERO : Duration.between(last, clock.instant());
          if (behind.compareTo(config.inputTimeout()) > 0) {
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

    /**
     * Why recording stopped, when this run recorded: the watchdog saw a stall, FFmpeg was killed or
     * crashed, or else the camera ended the stream.
     */
    Optional<RecordingGap.Cause> endCause(int exitCode) {
      if (!recorded) {
        return Optional.empty();
      }
      if (gapCounted) {
        return Optional.of(RecordingGap.Cause.CAMERA_STALLED);
      }
      return Optional.of(
          KILLED.contains(exitCode)
              ? RecordingGap.Cause.FFMPEG_KILLED
              : RecordingGap.Cause.CAMERA_DROPPED);
    }

    /** What a run that received nothing met: a refusal says why a gap goes on. */
    Optional<RecordingGap.Cause> attemptCause() {
      if (recorded) {
        return Optional.empty();
      }
      if (unauthorized) {
        return Optional.of(RecordingGap.Cause.CAMERA_UNAUTHORIZED);
      }
      return refused ? Optional.of(RecordingGap.Cause.CAMERA_REFUSED) : Optional.empty();
    }

    /** Wall time of the end of the media this run received: where its gap begins. */
    Instant mediaEnd() {
      long us = lastOutTimeMicros;
      Optional<Instant> byProgress =
          us < 0
              ? Optional.empty()
              : anchor.current().map(a -> a.plus(Duration.ofNanos(us * 1000)));
      Instant bySegments = lastSegmentEnd;
      if (byProgress.isEmpty()) {
        return bySegments != null ? bySegments : clock.instant();
      }
      return bySegments != null && bySegments.isAfter(byProgress.get())
          ? bySegments
          : byProgress.get();
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
        lastSegmentEnd = key.end();
        gapClosed(key.start()); // media came only by the segment list: no progress closed it
        // Progress reports do not always reach us: a finished segment surely is media.
        cameraErrors.mediaArrived();
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
            refused |= REFUSED.matcher(line).find();
            unauthorized |= FatalCauseDetector.UNAUTHORIZED.matcher(line).find();
            cameraErrors.stderrLine(redaction.apply(line));
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
      Duration media = Duration.ofNanos(us * 1000);
      anchor.onProgress(now, media);
      if (us > 0) {
        lag.observe(now, media);
      }
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
          cameraErrors.mediaArrived();
          LOG.info("receiving media; run anchored at " + anchor.current().orElseThrow());
          gapClosed(anchor.current().orElseThrow());
        }
      }
    }
  }

  /**
   * How far back a stall's lag is measured from: well beyond the input timeout, so that the
   * baseline still holds media from before the stall when the watchdog judges it.
   */
  private Duration lagWindow() {
    Duration threeTimeouts = config.inputTimeout().multipliedBy(3);
    Duration minute = Duration.ofMinutes(1);
    return threeTimeouts.compareTo(minute) > 0 ? threeTimeouts : minute;
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
