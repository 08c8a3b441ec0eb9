package dev.camrec.testbed.camera;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated IP camera on 127.0.0.1 from a synthetic source: RTSP (H.264 + AAC, H.264 + G.711
 * A-law as many surveillance cameras send it, or H.265) or MJPEG over HTTP, with faults on demand.
 * The source is a short loop encoded once and then copied in real time by FFmpeg, so a running
 * camera costs little CPU.
 */
public final class SimulatedCamera implements AutoCloseable {

  /** What the camera serves. */
  public enum Kind {
    RTSP_H264_AAC,
    /** G.711 A-law audio (pcm_alaw, 8 kHz mono): what MP4 cannot hold without transcoding. */
    RTSP_H264_G711,
    RTSP_H265,
    HTTP_MJPEG
  }

  private final Kind kind;
  private final RtspServer rtsp;
  private final MjpegServer mjpeg;
  private final FaultyListener faults;
  private final SourceProcess source;
  private final AtomicReference<BasicAuth> auth = new AtomicReference<>();

  private SimulatedCamera(Builder b) {
    this.kind = b.kind;
    auth.set(b.username == null ? null : new BasicAuth(b.username, b.password));
    LoopEncoder.VideoFormat format =
        new LoopEncoder.VideoFormat(b.width, b.height, b.fps, b.videoBitrateKbps);
    Path loop = LoopEncoder.encode(b.ffmpeg, kind, format, b.cacheDir);
    Path log = b.cacheDir.resolve("source-" + kind.name().toLowerCase() + ".log");
    if (kind == Kind.HTTP_MJPEG) {
      this.rtsp = null;
      this.mjpeg = new MjpegServer(auth::get);
      this.faults = mjpeg.faults();
      this.source =
          new SourceProcess(
              SourceProcess.playLoop(b.ffmpeg, loop, "-f", "mpjpeg", "pipe:1"),
              log,
              mjpeg::readSource);
    } else {
      this.mjpeg = null;
      this.rtsp = new RtspServer(auth::get);
      this.faults = rtsp.faults();
      this.source =
          new SourceProcess(
              SourceProcess.playLoop(
                  b.ffmpeg, loop, "-f", "rtsp", "-rtsp_transport", "tcp", rtsp.publishUrl()),
              log,
              null);
    }
    source.start();
  }

  public static Builder builder(Path ffmpeg, Kind kind) {
    return new Builder(ffmpeg, kind);
  }

  public Kind kind() {
    return kind;
  }

  /** The camera's URL without credentials, e.g. rtsp://127.0.0.1:PORT/cam. */
  public URI url() {
    return kind == Kind.HTTP_MJPEG
        ? URI.create("http://127.0.0.1:" + mjpeg.port() + MjpegServer.CAMERA_PATH)
        : URI.create("rtsp://127.0.0.1:" + rtsp.port() + RtspServer.CAMERA_PATH);
  }

  /** Closes every client connection and refuses new ones (port closed) for {@code duration}. */
  public void drop(Duration duration) {
    faults.drop(duration);
  }

  /** Keeps connections open but sends nothing; new connections are accepted but never answered. */
  public void stall() {
    faults.stall();
  }

  /** Ends a stall; clients continue from the next keyframe. */
  public void resume() {
    faults.resume();
  }

  /**
   * Changes the password a camera started with {@link Builder#credentials} requires, as its owner
   * would in its web interface: clients already streaming go on until they reconnect.
   */
  public void changePassword(String password) {
    BasicAuth current = auth.get();
    if (current == null) {
      throw new IllegalStateException("the camera was started without credentials");
    }
    auth.set(new BasicAuth(current.username(), Objects.requireNonNull(password, "password")));
  }

  /**
   * Sets the camera's clock {@code shift} ahead of this machine's (negative: behind), as its RTCP
   * sender reports show it from the next report on (the source sends one every 5 s or so).
   */
  public void shiftClock(Duration shift) {
    rtspOnly().senderReports().shift(Objects.requireNonNull(shift, "shift"));
  }

  /** Sends RTCP sender reports (the default) or holds them back, like a camera that sends none. */
  public void sendReports(boolean send) {
    rtspOnly().senderReports().send(send);
  }

  /** The camera's time of its recent video keyframes (dated by its shifted sender reports). */
  public List<KeyframeTime> keyframes() {
    return rtspOnly().senderReports().keyframes();
  }

  private RtspServer rtspOnly() {
    if (rtsp == null) {
      throw new IllegalStateException("an HTTP camera has no RTCP sender reports");
    }
    return rtsp;
  }

  /** Restarts the synthetic source: the stream's timestamps start again from zero. */
  public void restart() {
    source.restart();
  }

  /** Open client connections (the internal source connection is not counted). */
  public int connectedClients() {
    return faults.connectedClients();
  }

  @Override
  public void close() {
    source.close();
    if (rtsp != null) {
      rtsp.close();
    }
    if (mjpeg != null) {
      mjpeg.close();
    }
  }

  /** Settings of a camera; defaults: 640x360, 25 fps, 1000 kbit/s, no credentials. */
  public static final class Builder {
    private final Path ffmpeg;
    private final Kind kind;
    private int width = 640;
    private int height = 360;
    private int fps = 25;
    private int videoBitrateKbps = 1000;
    private String username;
    private String password;
    private Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "camrec-camera-loops");

    private Builder(Path ffmpeg, Kind kind) {
      this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Builder resolution(int width, int height) {
      if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
        throw new IllegalArgumentException(
            "resolution must be positive and even: " + width + "x" + height);
      }
      this.width = width;
      this.height = height;
      return this;
    }

    public Builder fps(int fps) {
      if (fps <= 0) {
        throw new IllegalArgumentException("fps must be positive: " + fps);
      }
      this.fps = fps;
      return this;
    }

    public Builder videoBitrateKbps(int kbps) {
      if (kbps <= 0) {
        throw new IllegalArgumentException("bitrate must be positive: " + kbps);
      }
      this.videoBitrateKbps = kbps;
      return this;
    }

    /** Requires HTTP Basic credentials from clients (401 with WWW-Authenticate otherwise). */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Where encoded loops are kept and reused (default: a directory in java.io.tmpdir). */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
      return this;
    }

    public SimulatedCamera start() {
      return new SimulatedCamera(this);
    }
  }
}
