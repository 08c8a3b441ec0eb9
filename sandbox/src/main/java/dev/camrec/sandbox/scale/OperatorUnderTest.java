package dev.camrec.sandbox.scale;

import dev.camrec.sandbox.pods.OwnSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The operator as shipped, in a process of its own: {@code java} with the image's entrypoint flags
 * and environment, the JVM options the chart sets (in {@code JDK_JAVA_OPTIONS}, as the chart passes
 * them) and the Quarkus jar; and what the bench reads of it: CPU time and peak RSS from /proc, heap
 * and reconciles from its own metrics endpoint.
 */
final class OperatorUnderTest implements AutoCloseable {

  /** The image's entrypoint flags before {@code -jar} (images/build.sh). */
  private static final List<String> IMAGE_FLAGS =
      List.of("-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData");

  /** The image's environment (images/build.sh) beyond PATH. */
  private static final Map<String, String> IMAGE_ENV = Map.of("MALLOC_ARENA_MAX", "2");

  /** The kernel's clock ticks per second, in which /proc/PID/stat counts CPU time. */
  private static final double CLOCK_TICKS = 100;

  private final Process process;
  private final URI http;
  private final HttpClient client = HttpClient.newHttpClient();

  private OperatorUnderTest(Process process, URI http) {
    this.process = process;
    this.http = http;
  }

  static OperatorUnderTest start(
      Path quarkusRunJar,
      String jvmOptions,
      Path kubeconfig,
      Map<String, String> settings,
      Path logFile) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(IMAGE_FLAGS);
    command.addAll(List.of("-jar", quarkusRunJar.toString()));
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(OwnSession.of(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.putAll(IMAGE_ENV);
    env.put("JDK_JAVA_OPTIONS", jvmOptions);
    env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.putAll(settings);
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process process = builder.start();
      // Killed with the bench, not left running.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      return new OperatorUnderTest(process, URI.create("http://127.0.0.1:" + port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the operator says it is ready (its informers synced, leadership taken). */
  void awaitReady(Duration limit) throws InterruptedException {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue());
      }
      try {
        if (get("/q/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the operator was not ready within " + limit);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** User and system CPU seconds the operator's JVM used so far. */
  double cpuSeconds() {
    String stat = readProc("stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
  }

  /** The most resident memory the process had so far (VmHWM), in MiB. */
  long peakRssMiB() {
    return procStatusKiB("VmHWM:") / 1024;
  }

  /** Resident memory now (VmRSS), in MiB. */
  long rssMiB() {
    return procStatusKiB("VmRSS:") / 1024;
  }

  /** Heap in use right after a full collection ({@code jcmd GC.run}), in MiB. */
  long heapAfterFullGcMiB() throws IOException, InterruptedException {
    Path jcmd =
        Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
    Process gc =
        new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run failed on the operator");
    }
    return Math.round(
        metric(line -> line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) / (1 << 20));
  }

  /** Reconciles the operator has run so far, as its metrics count them. */
  long reconciles() throws IOException, InterruptedException {
    return Math.round(
        metric(line -> line.startsWith("operator_sdk_reconciliations_started_total")));
  }

  /** The sum of the samples of its Prometheus metrics whose line matches. */
  private double metric(Predicate<String> line) throws IOException, InterruptedException {
    return get("/q/metrics")
        .body()
        .lines()
        .filter(line)
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(http.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long procStatusKiB(String field) {
    return readProc("status")
        .lines()
        .filter(l -> l.startsWith(field))
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }

  private String readProc(String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
