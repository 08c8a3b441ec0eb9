package dev.camrec.sandbox.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The podman command line, as images/smoke.sh and bench/images.sh set it up (CONTAINERS_CONF and
 * CONTAINERS_STORAGE_CONF in the environment). Every container it starts is named by the caller and
 * removed with {@link #remove}.
 */
final class Podman {

  /** The output of one podman command that exited 0. */
  static String run(Duration timeout, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add("podman");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("podman " + args[0] + " took over " + timeout);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "podman " + String.join(" ", args) + " exited " + process.exitValue() + ": " + text);
      }
      return text.strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run podman", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String run(String... args) {
    return run(Duration.ofMinutes(2), Map.of(), args);
  }

  /**
   * Starts a container the way the kubelet runs the pods camrec creates (the recorder's and the
   * Helm chart's operator pod): read-only root filesystem (no tmpfs of podman's own), an emptyDir
   * at /tmp, no capabilities, no privilege escalation; host network. {@code args} add the pod's
   * volumes, environment, image and command.
   */
  static void startLikeAPod(String name, Map<String, String> env, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "run",
                "--detach",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--read-only-tmpfs=false",
                "--tmpfs",
                "/tmp:rw,mode=1777",
                "--cap-drop",
                "ALL",
                "--security-opt",
                "no-new-privileges"));
    all.addAll(List.of(args));
    run(Duration.ofMinutes(2), env, all.toArray(String[]::new));
  }

  static String inspect(String container, String format) {
    return run("inspect", "--format", format, container);
  }

  /** The last lines a container printed, for a failure message. */
  static String logTail(String container) {
    try {
      return run("logs", "--tail", "40", container);
    } catch (RuntimeException e) {
      return "(no logs: " + e.getMessage() + ")";
    }
  }

  static void remove(String container) {
    try {
      run("rm", "--force", "--time", "5", container);
    } catch (RuntimeException e) {
      System.err.println("smoke: could not remove container " + container + ": " + e.getMessage());
    }
  }

  private Podman() {}
}
