package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for the Job controller and the kubelet: every Job (batch/v1) gets its pod template's
 * first container run as a host process, a Pod that reports it, and the Job's status (active,
 * succeeded, failed, Complete or Failed). Level-based like {@link LocalPodRunner}: one control
 * thread compares the informer's Jobs with what it runs, on every change, every process exit and
 * every second.
 */
public final class LocalJobRunner implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalJobRunner.class.getName());

  private final KubernetesClient client;
  private final HostSettings settings;
  private final ContainerEnvironment environment;
  private final Clock clock;
  private final PodWriter pods;
  private final ScheduledExecutorService control =
      Executors.newSingleThreadScheduledExecutor(LocalPodRunner.daemon("local-job-runner"));
  private final ExecutorService stopWaiters =
      Executors.newCachedThreadPool(LocalPodRunner.daemon("local-job-stop"));

  /** By the Job's uid: a Job deleted and created again under its name is another Job. */
  private final Map<String, LocalJob> jobs = new HashMap<>();

  private final Map<String, String> writtenJobStatus = new HashMap<>();
  private final List<CompletableFuture<Void>> stopping = new ArrayList<>();
  private SharedIndexInformer<Job> informer;

  private LocalJobRunner(KubernetesClient client, HostSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.environment = new ContainerEnvironment(client);
    this.clock = clock;
    this.pods = new PodWriter(client);
  }

  public static LocalJobRunner start(KubernetesClient client, HostSettings settings) {
    LocalJobRunner runner = new LocalJobRunner(client, settings, Clock.systemUTC());
    runner.informer =
        client
            .batch()
            .v1()
            .jobs()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Job job) {
                    runner.wake();
                  }

                  @Override
                  public void onUpdate(Job before, Job after) {
                    runner.wake();
                  }

                  @Override
                  public void onDelete(Job job, boolean finalStateUnknown) {
                    runner.wake();
                  }
                });
    runner.control.scheduleWithFixedDelay(runner::reconcileAll, 1, 1, TimeUnit.SECONDS);
    return runner;
  }

  private void wake() {
    if (!control.isShutdown()) {
      control.execute(this::reconcileAll);
    }
  }

  private synchronized void reconcileAll() {
    try {
      Map<String, Job> wanted = new HashMap<>();
      for (Job job : informer.getStore().list()) {
        if (job.getMetadata().getUid() != null) {
          wanted.put(job.getMetadata().getUid(), job);
        }
      }
      for (String uid : new ArrayList<>(jobs.keySet())) {
        if (!wanted.containsKey(uid)) {
          // Deleted: stop its process; the garbage collector removes its pods, as in a cluster.
          LocalJob gone = jobs.remove(uid);
          stopping.add(gone.stop(stopWaiters));
          gone.pods().forEach(pod -> pods.forget(gone.namespace(), pod.name()));
          writtenJobStatus.remove(uid);
        }
      }
      stopping.removeIf(CompletableFuture::isDone);
      wanted.forEach(this::reconcile);
    } catch (RuntimeException e) {
      // The next tick retries; a failure here must not end the schedule.
      LOG.log(Level.WARNING, "Job runner pass failed", e);
    }
  }

  private void reconcile(String uid, Job job) {
    LocalJob local = jobs.get(uid);
    if (local == null) {
      if (JobEnding.of(job).isPresent()) {
        // Finished before this runner saw it (e.g. its status was written by someone else).
        return;
      }
      local = new LocalJob(job, settings, environment, clock);
      jobs.put(uid, local);
    }
    local.reconcile(job, this::wake, stopWaiters);
    for (LocalJobPod pod : local.pods()) {
      pods.write(pod.toPod());
    }
    writeStatus(uid, job, local.status());
    Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
    Instant finishedAt = local.finishedAt().orElse(null);
    if (ttl != null
        && finishedAt != null
        && !clock.instant().isBefore(finishedAt.plusSeconds(ttl))) {
      // The TTL controller's part: the Job goes, and its pods with it through their owner.
      client.resource(job).delete();
    }
  }

  private void writeStatus(String uid, Job job, JobStatus status) {
    String json = Serialization.asJson(status);
    if (json.equals(writtenJobStatus.get(uid))) {
      return;
    }
    if (StoredStatus.write(client, job, current -> current.setStatus(status))) {
      writtenJobStatus.put(uid, json);
    }
  }

  /** Stops every process it started (each within its pod's grace period) and the informer. */
  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    List<CompletableFuture<Void>> stops;
    synchronized (this) {
      control.shutdownNow();
      jobs.values().forEach(job -> stopping.add(job.stop(stopWaiters)));
      jobs.clear();
      stops = new ArrayList<>(stopping);
    }
    ContainerProcess.awaitStops(stops, LOG);
    stopWaiters.shutdown();
  }
}
