package dev.camrec.recorder.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.camrec.contract.env.RecordEnv;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and metrics on the JDK's HTTP server: no framework for three small pages. */
public final class HealthServer implements AutoCloseable {

  private final HttpServer server;

  public HealthServer(InetSocketAddress address, RecorderMetrics metrics, BooleanSupplier ready)
      throws IOException {
    server = HttpServer.create(address, 0);
    server.createContext(
        RecordEnv.LIVENESS_PATH, ex -> respond(ex, 200, "text/plain", bytes("ok\n")));
    server.createContext(
        RecordEnv.READINESS_PATH,
        ex -> {
          boolean ok = ready.getAsBoolean();
          respond(
              ex,
              ok ? 200 : 503,
              "text/plain",
              bytes(ok ? "ready\n" : "no segment stored recently\n"));
        });
    PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    server.createContext(
        RecordEnv.METRICS_PATH,
        ex -> {
          ByteArrayOutputStream body = new ByteArrayOutputStream();
          writer.write(body, metrics.registry().scrape());
          respond(ex, 200, writer.getContentType(), body.toByteArray());
        });
    // One thread: probes and scrapes are rare and cheap, and threads cost memory.
    server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r, "http")));
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
