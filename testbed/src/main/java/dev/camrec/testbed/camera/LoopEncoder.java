package dev.camrec.testbed.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encodes a short synthetic loop (testsrc2, plus a sine tone for audio) once into a cache file, so
 * a running camera only copies packets and costs almost no CPU.
 */
final class LoopEncoder {
  static final int LOOP_SECONDS = 10;

  private LoopEncoder() {}

  static Path encode(Path ffmpeg, SimulatedCamera.Kind kind, VideoFormat format, Path cacheDir) {
    Path loop = cacheDir.resolve(kind.name().toLowerCase() + "-" + format.fileTag() + ".mkv");
    if (Files.isRegularFile(loop)) {
      return loop;
    }
    try {
      Files.createDirectories(cacheDir);
      Path partial = Files.createTempFile(cacheDir, "encoding-", ".mkv");
      Path log = cacheDir.resolve(loop.getFileName() + ".log");
      Process encoder =
          new ProcessBuilder(command(ffmpeg, kind, format, partial))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = encoder.waitFor(120, TimeUnit.SECONDS);
      if (!finished || encoder.exitValue() != 0) {
        encoder.destroyForcibly();
        Files.deleteIfExists(partial);
        throw new IllegalStateException(
            "encoding the camera loop "
                + (finished ? "failed" : "took over 120 s")
                + ", see "
                + log);
      }
      // Atomic so parallel cameras with the same format never read a half-written loop.
      Files.move(
          partial, loop, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return loop;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the camera loop into " + cacheDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding the camera loop", e);
    }
  }

  private static List<String> command(
      Path ffmpeg, SimulatedCamera.Kind kind, VideoFormat format, Path out) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error"));
    cmd.addAll(
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=" + format.width() + "x" + format.height() + ":rate=" + format.fps()));
    switch (kind) {
      case RTSP_H264_AAC ->
          cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
      // G.711 is narrowband telephony audio: 8 kHz is the only rate its RTP payload types carry.
      case RTSP_H264_G711 ->
          cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000"));
      default -> {}
    }
    cmd.addAll(List.of("-t", String.valueOf(LOOP_SECONDS), "-pix_fmt", "yuv420p"));
    String bitrate = format.videoBitrateKbps() + "k";
    String gop = String.valueOf(format.fps()); // a keyframe every second
    List<String> h264 =
        List.of(
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
            "-b:v",
            bitrate,
            "-maxrate",
            bitrate,
            "-bufsize",
            bitrate,
            "-g",
            gop,
            "-keyint_min",
            gop,
            "-sc_threshold",
            "0");
    switch (kind) {
      case RTSP_H264_AAC -> {
        cmd.addAll(h264);
        cmd.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-ac", "1"));
      }
      case RTSP_H264_G711 -> {
        cmd.addAll(h264);
        cmd.addAll(List.of("-c:a", "pcm_alaw", "-ac", "1"));
      }
      case RTSP_H265 ->
          cmd.addAll(
              List.of(
                  "-c:v",
                  "libx265",
                  "-preset",
                  "ultrafast",
                  "-b:v",
                  bitrate,
                  "-x265-params",
                  "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:log-level=error",
                  "-an"));
      case HTTP_MJPEG -> {
        cmd.set(cmd.indexOf("yuv420p"), "yuvj420p");
        cmd.addAll(List.of("-c:v", "mjpeg", "-q:v", "5", "-an"));
      }
    }
    cmd.add(out.toString());
    return cmd;
  }

  /** Resolution, rate and bitrate of the synthetic video. */
  record VideoFormat(int width, int height, int fps, int videoBitrateKbps) {
    String fileTag() {
      return width + "x" + height + "-" + fps + "fps-" + videoBitrateKbps + "k";
    }
  }
}
