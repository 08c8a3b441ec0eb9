package dev.camrec.testbed.camera;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Serves multipart/x-mixed-replace over HTTP: every client gets the newest JPEG each time the
 * source FFmpeg (writing -f mpjpeg to its stdout) produces one.
 */
final class MjpegServer implements AutoCloseable {
  static final String CAMERA_PATH = "/cam";
  private static final String BOUNDARY = "camrecframe";

  /** The credentials clients must send now, or null for none. */
  private final Supplier<BasicAuth> auth;

  private final FaultyListener clients;
  private final Object frameLock = new Object();
  private byte[] frame;
  private long frameNumber;
  private boolean closed;

  MjpegServer(Supplier<BasicAuth> auth) {
    this.auth = auth;
    this.clients = new FaultyListener("mjpeg-camera", this::serveClient);
  }

  int port() {
    return clients.port();
  }

  FaultyListener faults() {
    return clients;
  }

  /** Reads FFmpeg's mpjpeg output (boundary line, headers, Content-length, JPEG) until it ends. */
  void readSource(InputStream mpjpeg) {
    try (InputStream in = new BufferedInputStream(mpjpeg)) {
      while (true) {
        int length = -1;
        for (String line = TextMessage.readLine(in); ; line = TextMessage.readLine(in)) {
          if (line.isEmpty() && length >= 0) {
            break;
          }
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring("content-length:".length()).trim());
          }
        }
        byte[] jpeg = in.readNBytes(length);
        if (jpeg.length < length) {
          return;
        }
        synchronized (frameLock) {
          frame = jpeg;
          frameNumber++;
          frameLock.notifyAll();
        }
      }
    } catch (IOException e) {
      // the source FFmpeg ended (restart or close)
    }
  }

  private void serveClient(Socket socket) {
    try {
      clients.awaitNotStalled();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      TextMessage request = TextMessage.read(in, -1);
      clients.awaitNotStalled();
      BasicAuth required = auth.get();
      if (required != null && !required.accepts(request.header("Authorization"))) {
        writeHead(
            out,
            "401 Unauthorized",
            "WWW-Authenticate: " + BasicAuth.CHALLENGE + "\r\nContent-Length: 0\r\n");
        return;
      }
      if (!"GET".equals(request.method()) || !request.uri().startsWith(CAMERA_PATH)) {
        writeHead(out, "404 Not Found", "Content-Length: 0\r\n");
        return;
      }
      writeHead(
          out,
          "200 OK",
          "Content-Type: multipart/x-mixed-replace;boundary="
              + BOUNDARY
              + "\r\nCache-Control: no-cache\r\nConnection: close\r\n");
      long sent = 0;
      while (true) {
        byte[] jpeg;
        synchronized (frameLock) {
          while (frameNumber == sent && !closed) {
            frameLock.wait();
          }
          if (closed) {
            return;
          }
          sent = frameNumber;
          jpeg = frame;
        }
        if (clients.isStalled()) {
          continue; // a stalled camera sends nothing, but the connection stays open
        }
        out.write(
            ("--"
                    + BOUNDARY
                    + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
                    + jpeg.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(jpeg);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException e) {
      // client left or drop() closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void writeHead(OutputStream out, String status, String headers)
      throws IOException {
    out.write(
        ("HTTP/1.1 " + status + "\r\nServer: camrec-simulated-camera\r\n" + headers + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() {
    clients.close();
    synchronized (frameLock) {
      closed = true;
      frameLock.notifyAll();
    }
  }
}
