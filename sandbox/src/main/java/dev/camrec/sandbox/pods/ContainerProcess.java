package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One run of a container as a host process, the part of the kubelet that Deployment pods and Job
 * pods share: the image command mapped to a host command, the env resolved (secrets included), the
 * termination log pointed at a file of the pod's folder, and on exit the terminated state with what
 * the process left in that file.
 */
final class ContainerProcess {

  /** The kubelet keeps at most this much of a container's termination message. */
  static final int MAX_TERMINATION_MESSAGE_BYTES = 4096;

  private final Process process;
  private final Instant startedAt;
  private final Path terminationLog;

  private ContainerProcess(Process process, Instant startedAt, Path terminationLog) {
    this.process = process;
    this.startedAt = startedAt;
    this.terminationLog = terminationLog;
  }

  /**
   * Starts {@code container} in {@code podDir}, whose {@code termination-log} file starts empty.
   */
  static ContainerProcess start(
      String namespace,
      Container container,
      Path podDir,
      int hostPort,
      HostSettings settings,
      ContainerEnvironment environment,
      Clock clock)
      throws NotStarted {
    try {
      Map<String, String> env = environment.resolve(namespace, container.getEnv());
      Path spool = podDir.resolve("spool");
      Files.createDirectories(spool);
      settings.podDirEnvs().forEach(name -> env.put(name, spool.toString()));
      env.put(settings.portEnv(), String.valueOf(hostPort));
      // The sandbox's stand-in for the kubelet's bind mount of terminationMessagePath: a process
      // cannot write /dev/termination-log, so each pod gets its own file and the process its path.
      // Like a fresh container's, it starts empty: a message is never left over from the last run.
      Path terminationLog = podDir.resolve("termination-log");
      Files.write(terminationLog, new byte[0]);
      env.put(settings.terminationLogEnv(), terminationLog.toString());
      ProcessBuilder builder =
          new ProcessBuilder(OwnSession.of(commandLine(container, settings)))
              .directory(podDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(podDir.resolve("container.log").toFile()));
      Map<String, String> processEnv = builder.environment();
      // A container sees only its own env; the host's PATH and JAVA_HOME are kept so launchers run.
      processEnv.keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TZ"));
      processEnv.putAll(env);
      Process process = builder.start();
      return new ContainerProcess(process, clock.instant(), terminationLog);
    } catch (ContainerEnvironment.ConfigError e) {
      throw new NotStarted("CreateContainerConfigError", e.getMessage());
    } catch (IOException e) {
      throw new NotStarted("RunContainerError", e.getMessage());
    }
  }

  /** Why a container could not start, as the kubelet reports it in its waiting state. */
  static final class NotStarted extends Exception {
    private final String reason;

    NotStarted(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** CreateContainerConfigError (e.g. a Secret missing) or RunContainerError. */
    String reason() {
      return reason;
    }
  }

  Instant startedAt() {
    return startedAt;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Completes when the process ended, whoever ended it. */
  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The running state, since the process started. */
  ContainerState running() {
    return new ContainerStateBuilder()
        .withNewRunning()
        .withStartedAt(startedAt.toString())
        .endRunning()
        .build();
  }

  /** The state of a container not (yet, or again) running, e.g. CreateContainerConfigError. */
  static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  /** Waits for stops begun with {@link #stop}, each within its own grace period. */
  static void awaitStops(List<CompletableFuture<Void>> stops, Logger log) {
    stops.forEach(
        stop -> {
          try {
            stop.join();
          } catch (RuntimeException e) {
            log.log(Level.WARNING, "Stopping a pod failed", e);
          }
        });
  }

  /** The terminated state of a process that has ended: exit code, reason and message. */
  ContainerState terminated(Instant finishedAt) {
    int exitCode = process.exitValue();
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(exitCode == 0 ? "Completed" : "Error")
        .withMessage(terminationMessage())
        .withStartedAt(startedAt.toString())
        .withFinishedAt(finishedAt.toString())
        .endTerminated()
        .build();
  }

  /**
   * What the container left in its termination log, cut to the kubelet's limit; null when empty.
   * Read whatever the policy: File and FallbackToLogsOnError both prefer the file (the latter's
   * fall back to a log tail is not simulated; the recorder image's pods use File).
   */
  private String terminationMessage() {
    try (InputStream in = Files.newInputStream(terminationLog)) {
      byte[] message = in.readNBytes(MAX_TERMINATION_MESSAGE_BYTES);
      return message.length == 0 ? null : new String(message, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // As with the kubelet: a log it cannot read gives no message, and supervision goes on.
      return null;
    }
  }

  /** SIGTERM, then SIGKILL (the process and its children) after {@code graceSeconds}. */
  CompletableFuture<Void> stop(long graceSeconds, Executor waiter) {
    if (!process.isAlive()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          process.destroy();
          try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
              process.descendants().forEach(ProcessHandle::destroyForcibly);
              process.destroyForcibly().waitFor();
            }
          } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        },
        waiter);
  }

  private static List<String> commandLine(Container container, HostSettings settings)
      throws IOException {
    List<String> command = new ArrayList<>();
    List<String> declared = container.getCommand() == null ? List.of() : container.getCommand();
    if (!declared.isEmpty() && settings.launchers().containsKey(declared.get(0))) {
      command.addAll(settings.launchers().get(declared.get(0)));
      command.addAll(declared.subList(1, declared.size()));
    } else {
      command.addAll(declared);
    }
    if (container.getArgs() != null) {
      command.addAll(container.getArgs());
    }
    if (command.isEmpty()) {
      // What the kubelet would report as RunContainerError: nothing it could start.
      throw new IOException(
          "Container "
              + container.getName()
              + " has no command; the sandbox cannot run image entrypoints");
    }
    return command;
  }

  /** A port of 127.0.0.1 free now, for the container's HTTP port env. */
  static int freeHostPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
