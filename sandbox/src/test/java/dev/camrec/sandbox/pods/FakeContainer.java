package dev.camrec.sandbox.pods;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A long-running stand-in for a container: serves /readyz on CAMREC_HTTP_PORT, records in its spool
 * that it started (with the secret it was given) and that it stopped on SIGTERM, and exits with
 * code 3 when asked at /crash. At /fail it ends as the recorder does for a cause retrying cannot
 * fix: the request's body into its termination log, exit code 1.
 */
public final class FakeContainer {

  public static void main(String[] args) throws Exception {
    Path spool = Path.of(System.getenv("CAMREC_SPOOL_DIR"));
    int port = Integer.parseInt(System.getenv("CAMREC_HTTP_PORT"));
    Files.writeString(
        spool.resolve("started-" + ProcessHandle.current().pid()),
        String.valueOf(System.getenv("CAMREC_SOURCE_PASSWORD")));
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
    http.createContext(
        "/readyz",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    http.createContext(
        "/crash",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          Runtime.getRuntime().halt(3);
        });
    http.createContext(
        "/fail",
        exchange -> {
          Files.write(
              Path.of(System.getenv("CAMREC_TERMINATION_LOG")),
              exchange.getRequestBody().readAllBytes());
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
          Runtime.getRuntime().halt(1);
        });
    http.start();
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.writeString(spool.resolve("stopped-cleanly"), "SIGTERM");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  http.stop(0);
                }));
    forever.await();
  }
}
