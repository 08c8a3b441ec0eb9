package dev.camrec.testbed.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One PLAYing client. Packets are queued and written by the client's own thread, so a slow client
 * never holds up the publisher or the other clients; one that falls far behind is disconnected, as
 * a real camera would.
 */
final class RtspPlayer {
  private static final int MAX_QUEUED_PACKETS = 4096;

  private final OutputStream out;
  private final Object writeLock;
  private final int[] rtpChannelOfTrack;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(MAX_QUEUED_PACKETS);
  private volatile boolean waitingForKeyframe = true;
  private volatile boolean overflowed;
  private Thread writer;

  RtspPlayer(OutputStream out, Object writeLock, int[] rtpChannelOfTrack) {
    this.out = out;
    this.writeLock = writeLock;
    this.rtpChannelOfTrack = rtpChannelOfTrack;
  }

  /** After a gap in what was sent (stall, source restart), start again at a keyframe. */
  void waitForKeyframe() {
    waitingForKeyframe = true;
  }

  void offer(int track, boolean rtcp, boolean keyframe, boolean video, byte[] payload, int length) {
    if (track >= rtpChannelOfTrack.length || rtpChannelOfTrack[track] < 0) {
      return; // the client did not set this track up
    }
    if (waitingForKeyframe) {
      if (!(video && keyframe)) {
        return;
      }
      waitingForKeyframe = false;
    }
    int channel = rtpChannelOfTrack[track] + (rtcp ? 1 : 0);
    byte[] frame = new byte[4 + length];
    frame[0] = '$';
    frame[1] = (byte) channel;
    frame[2] = (byte) (length >> 8);
    frame[3] = (byte) length;
    System.arraycopy(payload, 0, frame, 4, length);
    if (!queue.offer(frame)) {
      overflowed = true;
    }
  }

  /** Starts the thread that writes to the client; the socket is closed when it ends. */
  void start(Socket socket) {
    writer =
        new Thread(
            () -> {
              try {
                writeLoop();
              } catch (IOException | InterruptedException e) {
                // connection gone, or stop()
              } finally {
                FaultyListener.closeQuietly(socket);
              }
            },
            "rtsp-camera-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Ends the writer thread once the client's connection is gone. */
  void stop() {
    if (writer != null) {
      writer.interrupt();
    }
  }

  /** Writes queued packets until the connection fails or the client falls too far behind. */
  private void writeLoop() throws IOException, InterruptedException {
    while (!overflowed) {
      byte[] frame = queue.take();
      synchronized (writeLock) {
        out.write(frame);
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    }
  }
}
