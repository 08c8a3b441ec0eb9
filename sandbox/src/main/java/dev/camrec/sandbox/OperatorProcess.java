package dev.camrec.sandbox;

import dev.camrec.sandbox.pods.OwnSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The operator, unchanged: its Quarkus jar as a child process pointed at the sandbox by KUBECONFIG
 * and at the sandbox's S3 by its documented env configuration.
 */
final class OperatorProcess implements AutoCloseable {

  private final Process process;

  private OperatorProcess(Process process) {
    this.process = process;
  }

  /** Empty when the jar has not been built; the rest of the sandbox still runs. */
  static Optional<OperatorProcess> start(
      Path quarkusRunJar, Path kubeconfig, URI s3Endpoint, Path logFile) {
    if (!Files.isRegularFile(quarkusRunJar)) {
      return Optional.empty();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(OwnSession.of(List.of(java, "-jar", quarkusRunJar.toString())))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
    env.put("CAMREC_STORAGE_ENDPOINT", s3Endpoint.toString());
    // Its own HTTP endpoints (health, metrics) on 127.0.0.1 and a free port, not 8080.
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", "0");
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      return Optional.of(new OperatorProcess(builder.start()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
