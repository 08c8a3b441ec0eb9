package dev.camrec.sandbox.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against a sandbox, with its own discovery cache so tests do not share one.
 */
public final class Kubectl {

  /** The one the build fetched (sandbox/pom.xml), else the one on PATH when run from an IDE. */
  private static final String EXECUTABLE = System.getProperty("camrec.kubectl", "kubectl");

  public record Result(int exitCode, String stdout, String stderr) {}

  private final Path kubeconfig;
  private final Path cacheDir;

  public Kubectl(Path kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  public Result run(String... arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                EXECUTABLE,
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                cacheDir.toString(),
                "--request-timeout",
                "20s"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
