package dev.camrec.testbed.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.camrec.testbed.camera.SimulatedCamera.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedCameraTest {
  @TempDir Path dir;

  private static SimulatedCamera.Builder camera(Kind kind) {
    return SimulatedCamera.builder(Ffmpeg.FFMPEG, kind).cacheDir(Ffmpeg.LOOPS);
  }

  /**
   * The input options a recorder needs for the camera's URL. MJPEG over HTTP carries no timestamps:
   * without wall-clock timestamps FFmpeg assumes 25 fps, and a slower camera's recording comes out
   * stretched.
   */
  private static List<String> input(Kind kind, String url) {
    return kind == Kind.HTTP_MJPEG
        ? List.of("-use_wallclock_as_timestamps", "1", "-f", "mpjpeg", "-i", url)
        : List.of("-rtsp_transport", "tcp", "-i", url);
  }

  private static String[] recordArgs(
      Kind kind, String url, int seconds, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(input(kind, url));
    args.addAll(List.of("-t", String.valueOf(seconds), "-c", "copy", out.toString()));
    return args.toArray(String[]::new);
  }

  private void assertRecords(Kind kind, String url, List<String> expectedCodecs) throws Exception {
    assertRecords(kind, url, dir.resolve(kind + ".mp4"), expectedCodecs);
  }

  private void assertRecords(Kind kind, String url, Path out, List<String> expectedCodecs)
      throws Exception {
    Path log = dir.resolve(kind + ".log");
    int exit = Ffmpeg.run(log, recordArgs(kind, url, 3, out));
    assertThat(exit).as(Files.readString(log)).isZero();
    assertThat(Ffmpeg.codecs(out)).containsExactlyElementsOf(expectedCodecs);
    assertThat(Ffmpeg.duration(out)).isBetween(2.5, 3.5);
  }

  @Test
  void h264WithAacIsRecordedByFfmpeg() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_AAC).start()) {
      assertThat(cam.url().toString()).startsWith("rtsp://127.0.0.1:").endsWith("/cam");
      assertRecords(Kind.RTSP_H264_AAC, cam.url().toString(), List.of("h264", "aac"));
    }
  }

  @Test
  void h264WithG711IsRecordedByFfmpegIntoAContainerThatHoldsG711() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_G711).start()) {
      assertRecords(
          Kind.RTSP_H264_G711,
          cam.url().toString(),
          dir.resolve("g711.mkv"),
          List.of("h264", "pcm_alaw"));
    }
  }

  @Test
  void h265IsRecordedByFfmpeg() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H265).start()) {
      assertRecords(Kind.RTSP_H265, cam.url().toString(), List.of("hevc"));
    }
  }

  @Test
  void mjpegIsRecordedByFfmpegInRealTime() throws Exception {
    try (SimulatedCamera cam = camera(Kind.HTTP_MJPEG).fps(10).start()) {
      assertThat(cam.url().getScheme()).isEqualTo("http");
      long start = System.nanoTime();
      assertRecords(Kind.HTTP_MJPEG, cam.url().toString(), List.of("mjpeg"));
      // 3 s of media from a 10 fps camera; with FFmpeg's 25 fps guess it would take 7.5 s.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }
  }

  @Test
  void credentialsAreRequiredWhenSet() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_AAC).credentials("admin", "s3cret").start()) {
      Path log = dir.resolve("anonymous.log");
      int exit =
          Ffmpeg.run(
              log,
              recordArgs(
                  Kind.RTSP_H264_AAC, cam.url().toString(), 1, dir.resolve("anonymous.mp4")));
      assertThat(exit).isNotZero();
      assertThat(Files.readString(log)).contains("401");

      assertRecords(
          Kind.RTSP_H264_AAC, withCredentials(cam.url(), "admin:s3cret"), List.of("h264", "aac"));
    }
    try (SimulatedCamera cam = camera(Kind.HTTP_MJPEG).credentials("admin", "s3cret").start()) {
      Path log = dir.resolve("anonymous-mjpeg.log");
      int exit =
          Ffmpeg.run(
              log,
              recordArgs(
                  Kind.HTTP_MJPEG, cam.url().toString(), 1, dir.resolve("anonymous-mjpeg.mp4")));
      assertThat(exit).isNotZero();
      assertThat(Files.readString(log)).contains("401");

      assertRecords(Kind.HTTP_MJPEG, withCredentials(cam.url(), "admin:s3cret"), List.of("mjpeg"));
    }
  }

  @Test
  void aChangedPasswordIsRequiredFromTheNextConnectionOn() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_AAC).credentials("admin", "s3cret").start()) {
      cam.changePassword("n3w-s3cret");

      Path log = dir.resolve("old-password.log");
      int exit =
          Ffmpeg.run(
              log,
              recordArgs(
                  Kind.RTSP_H264_AAC,
                  withCredentials(cam.url(), "admin:s3cret"),
                  1,
                  dir.resolve("old-password.mp4")));
      assertThat(exit).isNotZero();
      assertThat(Files.readString(log)).contains("401");
      assertRecords(
          Kind.RTSP_H264_AAC,
          withCredentials(cam.url(), "admin:n3w-s3cret"),
          List.of("h264", "aac"));
    }
  }

  @Test
  void dropClosesClientsRefusesThenAcceptsAgain() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_AAC).start()) {
      Process client =
          Ffmpeg.startClient(
              dir.resolve("drop.log"),
              recordArgs(Kind.RTSP_H264_AAC, cam.url().toString(), 30, dir.resolve("drop.mp4")));
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> cam.connectedClients() == 1);

        cam.drop(Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> !client.isAlive());
        assertThat(cam.connectedClients()).isZero();
        assertThatThrownBy(() -> connect(cam.url())).isInstanceOf(ConnectException.class);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> connect(cam.url()));
      } finally {
        client.destroyForcibly();
      }
      assertRecords(Kind.RTSP_H264_AAC, cam.url().toString(), List.of("h264", "aac"));
    }
  }

  @Test
  void stallMakesAClientWithATimeoutGiveUp() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H264_AAC).start()) {
      Path out = dir.resolve("stall.mp4");
      Process client =
          Ffmpeg.startClient(
              dir.resolve("stall.log"),
              recordArgs(Kind.RTSP_H264_AAC, cam.url().toString(), 30, out, "-timeout", "2000000"));
      try {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> Files.exists(out) && Files.size(out) > 0);

        cam.stall();

        await().atMost(Duration.ofSeconds(6)).until(() -> !client.isAlive());
        // A new connection is accepted but gets no answer.
        try (Socket socket = connectSocket(cam.url())) {
          socket.setSoTimeout(1000);
          socket.getOutputStream().write("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes());
          assertThatThrownBy(() -> socket.getInputStream().read())
              .isInstanceOf(java.net.SocketTimeoutException.class);
        }
      } finally {
        client.destroyForcibly();
      }
      cam.resume();
      assertRecords(Kind.RTSP_H264_AAC, cam.url().toString(), List.of("h264", "aac"));
    }
  }

  @Test
  void restartKeepsServingAfterTheSourceStartsAgain() throws Exception {
    try (SimulatedCamera cam = camera(Kind.RTSP_H265).start()) {
      cam.restart();
      assertRecords(Kind.RTSP_H265, cam.url().toString(), List.of("hevc"));
    }
  }

  private static String withCredentials(URI url, String userInfo) {
    return url.getScheme()
        + "://"
        + userInfo
        + "@"
        + url.getHost()
        + ":"
        + url.getPort()
        + url.getPath();
  }

  private static boolean connect(URI url) throws IOException {
    connectSocket(url).close();
    return true;
  }

  private static Socket connectSocket(URI url) throws IOException {
    return new Socket("127.0.0.1", url.getPort());
  }
}
