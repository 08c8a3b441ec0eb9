package dev.camrec.recorder.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camrec.contract.clock.ClockSetting;
import dev.camrec.contract.env.RecordEnv;
import dev.camrec.contract.store.StoreSettings;
import dev.camrec.recorder.FfmpegExecutables;
import dev.camrec.recorder.Redaction;
import dev.camrec.recorder.health.RecorderMetrics;
import dev.camrec.recorder.spool.PartialSegmentProbe;
import dev.camrec.recorder.spool.Spool;
import dev.camrec.testbed.log.CapturedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision paths that real FFmpeg takes only now and then, forced with a stand-in executable: an
 * FFmpeg that does not act on q (still connecting, or blocked on a dead socket) and has to be
 * signalled, which also closes our end of its pipes.
 */
class FfmpegSupervisorTest {

  static final Path FFMPEG = FfmpegExecutables.ffmpeg(System.getenv());
  static final Path FFPROBE = FfmpegExecutables.ffprobe(System.getenv());

  @TempDir Path tmp;

  @Test
  void stopThatNeedsSigtermStillRecoversTheOpenSegmentIntoTheSpool() throws Exception {
    Path partial = fragmentedMp4(tmp.resolve("partial.mp4"));
    // Writes the segment it was given (its last argument, %06d = 0), never reads q, and on
    // SIGTERM says a last word on stdout (as FFmpeg does) just after we closed our end.
    Path ffmpeg =
        standIn(
            "for out; do :; done\n"
                + "cp '"
                + partial
                + "' \"$(printf \"$out\" 0)\"\n"
                + "trap 'echo interrupted; exit 255' TERM\n"
                + "while :; do sleep 0.1; done\n");
    try (Fixture f = new Fixture(ffmpeg)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> mp4sIn(f.spool.incoming()) == 1);

      f.supervisor.stop(Duration.ofSeconds(4));
      f.thread.join(5_000);

      assertThat(f.thread.isAlive()).isFalse();
      assertThat(mp4sIn(f.spool.incoming())).as("left unfinished in incoming/").isZero();
      List<Path> ready = f.spool.readyOldestFirst();
      assertThat(ready).hasSize(1);
      assertThat(f.spool.keyOf(ready.get(0)).duration())
          .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
      assertThat(f.errors()).as("errors logged by a stop").isEmpty();
    }
  }

  @Test
  void ffmpegKilledAfterIgnoringQOnAStallIsRelaunched() throws Exception {
    Path launches = tmp.resolve("launches");
    // Reports some media, then neither reads q nor exits: FFmpeg blocked on a dead camera socket.
    Path ffmpeg =
        standIn(
            "echo launched >> '"
                + launches
                + "'\n"
                + "echo out_time_us=1000000 >&2\n"
                + "exec sleep 30\n");
    try (Fixture f = new Fixture(ffmpeg)) {
      // The stall is noticed after the 1 s input timeout, q goes unheard, the process is killed
      // a second later, and the next run starts after the 1 s backoff.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> Files.exists(launches) && Files.readAllLines(launches).size() >= 2);
      assertThat(f.metrics.reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(f.errors()).isEmpty();
    }
  }

  /** A supervisor with its spool and metrics, and what it logged. */
  final class Fixture implements AutoCloseable {
    final RecorderMetrics metrics = new RecorderMetrics(Clock.systemUTC());
    final CapturedLog log = CapturedLog.of("dev.camrec.recorder");
    final Spool spool;
    final FfmpegSupervisor supervisor;
    final Thread thread;

    Fixture(Path ffmpeg) throws IOException {
      RecordingConfig config =
          new RecordingConfig(
              URI.create("rtsp://127.0.0.1:1/cam"),
              null,
              null,
              Duration.ofSeconds(2),
              AudioMode.NONE,
              Duration.ofSeconds(1),
              new StoreSettings(
                  "http://127.0.0.1:1", "us-east-1", "recordings", "access", "secret"),
              "ns",
              "cam",
              tmp.resolve("spool"),
              1L << 30,
              new InetSocketAddress("127.0.0.1", 0),
              ffmpeg,
              FFPROBE,
              ClockSetting.AUTO,
              Duration.ofMillis(RecordEnv.DEFAULT_CLOCK_TOLERANCE_MS));
      Clock clock = Clock.systemUTC();
      spool = new Spool(config.spoolDir(), config.spoolMaxBytes(), metrics, clock, "ns", "cam");
      supervisor =
          new FfmpegSupervisor(
              config,
              spool,
              new PartialSegmentProbe(FFPROBE),
              metrics,
              new Redaction(List.of()),
              clock,
              () -> {});
      thread = new Thread(supervisor::run, "supervisor-under-test");
      thread.start();
    }

    List<String> errors() {
      return log.messages(Level.SEVERE, "");
    }

    @Override
    public void close() throws InterruptedException {
      supervisor.stop(Duration.ofSeconds(4));
      thread.join(10_000);
      log.close();
    }
  }

  private Path standIn(String script) throws IOException {
    Path file = Files.writeString(tmp.resolve("ffmpeg"), "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  /** Two seconds of video in one-second fragments, as the segment muxer writes them. */
  private static Path fragmentedMp4(Path file) throws Exception {
    Process p =
        new ProcessBuilder(
                FFMPEG.toString(),
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=160x120:rate=10",
                "-t",
                "2",
                "-c:v",
                "libx264",
                "-g",
                "10",
                "-movflags",
                "+frag_keyframe+empty_moov+default_base_moof",
                "-f",
                "mp4",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return file;
  }

  private static long mp4sIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".mp4")).count();
    }
  }
}
