package dev.camrec.testbed.camera;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal RTSP relay: the source FFmpeg publishes (ANNOUNCE, SETUP interleaved, RECORD) on an
 * internal port; clients on the camera port DESCRIBE, SETUP with RTP/AVP/TCP interleaved channels
 * and PLAY, and receive the publisher's RTP/RTCP packets from the next keyframe on.
 */
final class RtspServer implements AutoCloseable {
  static final String CAMERA_PATH = "/cam";
  private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)(?:-(\\d+))?");
  private static final Duration WAIT_FOR_PUBLISHER = Duration.ofSeconds(10);

  /** The credentials clients must send now, or null for none. */
  private final Supplier<BasicAuth> auth;

  private final FaultyListener clients;
  private final FaultyListener publisherPort;
  private final Set<RtspPlayer> players = ConcurrentHashMap.newKeySet();
  private final SenderReports senderReports = new SenderReports();
  private final Object sdpLock = new Object();
  private Sdp sdp;

  RtspServer(Supplier<BasicAuth> auth) {
    this.auth = auth;
    this.clients = new FaultyListener("rtsp-camera", this::serveClient);
    this.publisherPort = new FaultyListener("rtsp-publish", this::servePublisher);
  }

  int port() {
    return clients.port();
  }

  String publishUrl() {
    return "rtsp://127.0.0.1:" + publisherPort.port() + "/publish";
  }

  FaultyListener faults() {
    return clients;
  }

  SenderReports senderReports() {
    return senderReports;
  }

  /** Called when the source is restarted: clients keep their connection and resync. */
  void sourceRestarted() {
    players.forEach(RtspPlayer::waitForKeyframe);
  }

  // ---- publisher side ----

  private void servePublisher(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Sdp announced = null;
      int[] trackOfChannel = new int[256];
      Arrays.fill(trackOfChannel, -1);
      byte[] packet = new byte[65536];
      String session = newSessionId();
      for (int first = in.read(); first >= 0; first = in.read()) {
        if (first == '$') {
          int channel = in.read();
          int length = (in.read() << 8) | in.read();
          if (in.readNBytes(packet, 0, length) < length || channel < 0) {
            return;
          }
          int track = trackOfChannel[channel];
          if (track >= 0 && announced != null) {
            relay(announced, track, channel % 2 == 1, packet, length);
          }
          continue;
        }
        TextMessage request = TextMessage.read(in, first);
        String extra = "";
        switch (request.method()) {
          case "OPTIONS" -> extra = "Public: ANNOUNCE, SETUP, RECORD, TEARDOWN\r\n";
          case "ANNOUNCE" ->
              announced = Sdp.parse(new String(request.body(), StandardCharsets.UTF_8));
          case "SETUP" -> {
            String transport = request.header("Transport");
            Matcher m = INTERLEAVED.matcher(transport == null ? "" : transport);
            int track = announced == null ? -1 : announced.trackOf(request.uri());
            if (!m.find() || track < 0) {
              respond(out, request, "461 Unsupported Transport", "", null);
              continue;
            }
            int rtp = Integer.parseInt(m.group(1));
            trackOfChannel[rtp] = track;
            trackOfChannel[(rtp + 1) & 0xff] = track;
            extra = "Transport: " + transport + "\r\nSession: " + session + "\r\n";
          }
          case "RECORD" -> {
            publish(announced);
            extra = "Session: " + session + "\r\n";
          }
          default -> extra = "Session: " + session + "\r\n";
        }
        respond(out, request, "200 OK", extra, null);
      }
    } catch (IOException e) {
      // the source FFmpeg went away (restart or close); SourceProcess starts a new one
    }
  }

  private void publish(Sdp announced) {
    synchronized (sdpLock) {
      sdp = announced;
      sdpLock.notifyAll();
    }
    senderReports.sourceRestarted();
    sourceRestarted();
  }

  private void relay(Sdp announced, int track, boolean rtcp, byte[] packet, int length) {
    if (clients.isStalled()) {
      players.forEach(RtspPlayer::waitForKeyframe);
      return;
    }
    Sdp.Track t = announced.tracks().get(track);
    boolean video = "video".equals(t.media());
    if (rtcp && !senderReports.relay(packet, length, video)) {
      return;
    }
    boolean keyframe = video && !rtcp && Keyframes.startsKeyframe(t.encoding(), packet, 0, length);
    if (keyframe) {
      senderReports.keyframe(packet);
    }
    for (RtspPlayer player : players) {
      player.offer(track, rtcp, keyframe, video, packet, length);
    }
  }

  // ---- client side ----

  private void serveClient(Socket socket) {
    RtspPlayer player = null;
    try {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Object writeLock = new Object();
      String session = newSessionId();
      int[] rtpChannelOfTrack = new int[0];
      clients.awaitNotStalled();
      for (int first = in.read(); first >= 0; first = in.read()) {
        if (first == '$') { // RTCP receiver reports from the client: read and ignore
          in.read();
          int length = (in.read() << 8) | in.read();
          in.skipNBytes(length);
          continue;
        }
        TextMessage request = TextMessage.read(in, first);
        clients.awaitNotStalled();
        synchronized (writeLock) {
          BasicAuth required = auth.get();
          if (!"OPTIONS".equals(request.method())
              && required != null
              && !required.accepts(request.header("Authorization"))) {
            respond(
                out,
                request,
                "401 Unauthorized",
                "WWW-Authenticate: " + BasicAuth.CHALLENGE + "\r\n",
                null);
            continue;
          }
          switch (request.method()) {
            case "OPTIONS" ->
                respond(
                    out,
                    request,
                    "200 OK",
                    "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n",
                    null);
            case "DESCRIBE" -> {
              Sdp current = awaitSdp();
              if (current == null) {
                respond(out, request, "503 Service Unavailable", "", null);
              } else {
                rtpChannelOfTrack = new int[current.tracks().size()];
                Arrays.fill(rtpChannelOfTrack, -1);
                respond(
                    out,
                    request,
                    "200 OK",
                    "Content-Base: rtsp://127.0.0.1:"
                        + port()
                        + CAMERA_PATH
                        + "/\r\n"
                        + "Content-Type: application/sdp\r\n",
                    current.text().getBytes(StandardCharsets.UTF_8));
              }
            }
            case "SETUP" -> {
              Sdp current = currentSdp();
              int track = current == null ? -1 : current.trackOf(request.uri());
              String transport = request.header("Transport");
              if (track < 0
                  || track >= rtpChannelOfTrack.length
                  || transport == null
                  || !transport.contains("TCP")) {
                respond(out, request, "461 Unsupported Transport", "", null);
                continue;
              }
              Matcher m = INTERLEAVED.matcher(transport);
              int rtp = m.find() ? Integer.parseInt(m.group(1)) : 2 * track;
              rtpChannelOfTrack[track] = rtp;
              respond(
                  out,
                  request,
                  "200 OK",
                  "Transport: RTP/AVP/TCP;unicast;interleaved="
                      + rtp
                      + "-"
                      + (rtp + 1)
                      + "\r\n"
                      + "Session: "
                      + session
                      + ";timeout=60\r\n",
                  null);
            }
            case "PLAY" -> {
              respond(
                  out,
                  request,
                  "200 OK",
                  "Session: " + session + "\r\nRange: npt=0.000-\r\n",
                  null);
              if (player == null) {
                player = new RtspPlayer(out, writeLock, rtpChannelOfTrack);
                player.start(socket);
                players.add(player);
              }
            }
            case "TEARDOWN" -> {
              respond(out, request, "200 OK", "Session: " + session + "\r\n", null);
              return;
            }
            case "GET_PARAMETER", "SET_PARAMETER" ->
                respond(out, request, "200 OK", "Session: " + session + "\r\n", null);
            default -> respond(out, request, "405 Method Not Allowed", "", null);
          }
        }
      }
    } catch (IOException e) {
      // the client left or drop() closed the connection
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (player != null) {
        players.remove(player);
        player.stop();
      }
    }
  }

  private Sdp currentSdp() {
    synchronized (sdpLock) {
      return sdp;
    }
  }

  private Sdp awaitSdp() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_FOR_PUBLISHER.toNanos();
    synchronized (sdpLock) {
      while (sdp == null && System.nanoTime() < deadline) {
        sdpLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      return sdp;
    }
  }

  private static void respond(
      OutputStream out, TextMessage request, String status, String headers, byte[] body)
      throws IOException {
    String cseq = request.header("CSeq");
    StringBuilder head = new StringBuilder("RTSP/1.0 ").append(status).append("\r\n");
    if (cseq != null) {
      head.append("CSeq: ").append(cseq).append("\r\n");
    }
    head.append("Server: camrec-simulated-camera\r\n").append(headers);
    head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private static String newSessionId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  @Override
  public void close() {
    clients.close();
    publisherPort.close();
  }
}
