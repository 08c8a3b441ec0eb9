package dev.camrec.testbed.camera;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A TCP listener on 127.0.0.1 that can misbehave like a camera: drop (close every connection and
 * refuse new ones for a while, by closing the port) and stall (connections stay open, nothing is
 * answered or sent until resumed).
 */
final class FaultyListener implements AutoCloseable {
  private final Consumer<Socket> handler;
  private final String name;
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final Object stallLock = new Object();
  private boolean stalled;
  private volatile boolean closed;
  private volatile ServerSocket serverSocket;
  private int port;

  FaultyListener(String name, Consumer<Socket> handler) {
    this.name = name;
    this.handler = handler;
    open(0);
  }

  int port() {
    return port;
  }

  int connectedClients() {
    return clients.size();
  }

  /** Closes all connections and the port now; the port opens again after {@code duration}. */
  void drop(Duration duration) {
    closeServerSocket();
    clients.forEach(FaultyListener::closeQuietly);
    Thread reopen =
        new Thread(
            () -> {
              try {
                Thread.sleep(duration.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              if (!closed) {
                open(port);
              }
            },
            name + "-reopen");
    reopen.setDaemon(true);
    reopen.start();
  }

  void stall() {
    synchronized (stallLock) {
      stalled = true;
    }
  }

  void resume() {
    synchronized (stallLock) {
      stalled = false;
      stallLock.notifyAll();
    }
  }

  boolean isStalled() {
    synchronized (stallLock) {
      return stalled;
    }
  }

  /** Blocks the calling connection thread while the listener is stalled. */
  void awaitNotStalled() throws InterruptedException {
    synchronized (stallLock) {
      while (stalled && !closed) {
        stallLock.wait();
      }
    }
  }

  private synchronized void open(int wantedPort) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort));
      port = socket.getLocalPort();
      serverSocket = socket;
      Thread acceptor = new Thread(() -> acceptLoop(socket), name + "-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " cannot listen on 127.0.0.1:" + wantedPort, e);
    }
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed by drop() or close()
      }
      clients.add(client);
      Thread connection =
          new Thread(
              () -> {
                try {
                  handler.accept(client);
                } finally {
                  clients.remove(client);
                  closeQuietly(client);
                }
              },
              name + "-client");
      connection.setDaemon(true);
      connection.start();
    }
  }

  private synchronized void closeServerSocket() {
    if (serverSocket != null) {
      closeQuietly(serverSocket);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeServerSocket();
    clients.forEach(FaultyListener::closeQuietly);
    resume();
  }

  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is best effort: the peer may already be gone
    }
  }
}
