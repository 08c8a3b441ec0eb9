package dev.camrec.testbed.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The FFmpeg process that plays the cached loop forever in real time (-re -stream_loop -1 -c copy)
 * into the camera's server. Relaunched when it dies on its own; restart() starts it afresh, so the
 * stream's timestamps start again from zero.
 */
final class SourceProcess implements AutoCloseable {
  private final List<String> command;
  private final Path log;
  private final Consumer<InputStream> stdoutReader;
  private Process process;
  private boolean closed;

  SourceProcess(List<String> command, Path log, Consumer<InputStream> stdoutReader) {
    this.command = command;
    this.log = log;
    this.stdoutReader = stdoutReader;
  }

  static List<String> playLoop(Path ffmpeg, Path loop, String... output) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ffmpeg.toString(),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-re",
                "-stream_loop",
                "-1",
                "-i",
                loop.toString(),
                "-c",
                "copy"));
    cmd.addAll(List.of(output));
    return cmd;
  }

  synchronized void start() {
    if (closed) {
      return;
    }
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      if (stdoutReader == null) {
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      }
      Process started = builder.start();
      process = started;
      if (stdoutReader != null) {
        Thread reader =
            new Thread(() -> stdoutReader.accept(started.getInputStream()), "camera-source-out");
        reader.setDaemon(true);
        reader.start();
      }
      started.onExit().thenRun(() -> relaunchIfUnexpected(started));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the camera source FFmpeg", e);
    }
  }

  private void relaunchIfUnexpected(Process exited) {
    synchronized (this) {
      if (closed || process != exited) {
        return;
      }
    }
    try {
      Thread.sleep(200); // the server may be between connections; do not spin
    } catch (InterruptedException e) {
      return;
    }
    synchronized (this) {
      if (!closed && process == exited) {
        start();
      }
    }
  }

  /** Kills the running source and starts a new one. */
  void restart() {
    Process old;
    synchronized (this) {
      old = process;
      process = null;
    }
    stop(old);
    start();
  }

  @Override
  public void close() {
    Process old;
    synchronized (this) {
      closed = true;
      old = process;
      process = null;
    }
    stop(old);
  }

  private static void stop(Process p) {
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(3, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
