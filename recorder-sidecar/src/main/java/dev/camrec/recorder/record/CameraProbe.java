package dev.camrec.recorder.record;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether the camera accepts a TCP connection: a handshake and a close, nothing sent. Cheap enough
 * to ask every second while the camera is away, so that recording resumes within seconds of its
 * return instead of at the next (backed-off) FFmpeg attempt.
 */
final class CameraProbe {

  private final URI source;
  private final Duration timeout;

  CameraProbe(URI source, Duration timeout) {
    this.source = source;
    this.timeout = timeout;
  }

  boolean reachable() {
    // Resolved anew each time: a camera's name may point elsewhere once it is back.
    InetSocketAddress address = new InetSocketAddress(source.getHost(), port(source));
    if (address.isUnresolved()) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int port(URI source) {
    if (source.getPort() > 0) {
      return source.getPort();
    }
    return switch (source.getScheme().toLowerCase(Locale.ROOT)) {
      case "rtsp" -> 554;
      case "rtsps" -> 322;
      case "https" -> 443;
      default -> 80;
    };
  }
}
