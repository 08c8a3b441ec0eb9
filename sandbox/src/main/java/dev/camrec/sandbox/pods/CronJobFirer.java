package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for the CronJob controller: every few seconds, each CronJob (batch/v1) whose schedule
 * came due gets a Job from its jobTemplate, named after the scheduled minute as Kubernetes names
 * it; concurrencyPolicy, startingDeadlineSeconds, suspend and the history limits apply, and the
 * status says what is active and when it last fired and last succeeded. The Jobs themselves run
 * through {@link LocalJobRunner}.
 */
public final class CronJobFirer implements AutoCloseable {

  /** The annotation Kubernetes puts on a Job a CronJob made: the time it was scheduled for. */
  public static final String SCHEDULED_TIMESTAMP =
      "batch.kubernetes.io/cronjob-scheduled-timestamp";

  private static final Logger LOG = Logger.getLogger(CronJobFirer.class.getName());

  /** Kubernetes' defaults for the history limits. */
  private static final int DEFAULT_SUCCESSFUL_HISTORY = 3;

  private static final int DEFAULT_FAILED_HISTORY = 1;

  private final KubernetesClient client;
  private final Clock clock;
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(LocalPodRunner.daemon("cronjob-firer"));
  private final Map<String, CronJobStatus> writtenStatus = new HashMap<>();
  private final Set<String> reportedProblems = new HashSet<>();
  private final AtomicLong passes = new AtomicLong();

  CronJobFirer(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Checks every 2 seconds against the system clock. */
  public static CronJobFirer start(KubernetesClient client) {
    return start(client, Clock.systemUTC(), Duration.ofSeconds(2));
  }

  /** {@code clock} decides when a schedule is due: tests move it rather than wait a minute. */
  static CronJobFirer start(KubernetesClient client, Clock clock, Duration checkEvery) {
    CronJobFirer firer = new CronJobFirer(client, clock);
    firer.schedule.scheduleWithFixedDelay(
        firer::checkQuietly, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    return firer;
  }

  /** How many passes have finished: a test waits for one after it moved the clock. */
  long passes() {
    return passes.get();
  }

  private void checkQuietly() {
    try {
      checkAll();
    } catch (RuntimeException e) {
      // A pass cut short by close() is no failure worth a warning; others are retried.
      if (!schedule.isShutdown()) {
        LOG.log(Level.WARNING, "CronJob pass failed; retrying", e);
      }
    }
    passes.incrementAndGet();
  }

  /** One pass over every CronJob. */
  synchronized void checkAll() {
    List<Job> jobs = client.batch().v1().jobs().inAnyNamespace().list().getItems();
    Set<String> seen = new HashSet<>();
    for (CronJob cronJob : client.batch().v1().cronjobs().inAnyNamespace().list().getItems()) {
      String uid = cronJob.getMetadata().getUid();
      seen.add(uid);
      List<Job> owned = jobs.stream().filter(job -> ownedBy(job, uid)).toList();
      try {
        sync(cronJob, owned);
      } catch (KubernetesClientException e) {
        LOG.log(Level.WARNING, "CronJob " + key(cronJob) + ": " + e.getMessage(), e);
      }
    }
    writtenStatus.keySet().retainAll(seen);
  }

  private void sync(CronJob cronJob, List<Job> owned) {
    CronJobSpec spec = cronJob.getSpec();
    Instant now = clock.instant();
    List<Job> active = new ArrayList<>();
    List<Job> succeeded = new ArrayList<>();
    List<Job> failed = new ArrayList<>();
    for (Job job : owned) {
      switch (JobEnding.of(job).orElse("")) {
        case "Complete" -> succeeded.add(job);
        case "Failed" -> failed.add(job);
        default -> active.add(job);
      }
    }
    CronJobStatus previous = cronJob.getStatus();
    String lastSuccessful = lastSuccessfulTime(previous, succeeded);
    trimHistory(succeeded, spec.getSuccessfulJobsHistoryLimit(), DEFAULT_SUCCESSFUL_HISTORY);
    trimHistory(failed, spec.getFailedJobsHistoryLimit(), DEFAULT_FAILED_HISTORY);
    String lastSchedule = previous == null ? null : previous.getLastScheduleTime();

    Optional<Instant> due =
        Boolean.TRUE.equals(spec.getSuspend()) ? Optional.empty() : due(cronJob, now);
    if (due.isPresent()) {
      String policy = spec.getConcurrencyPolicy() == null ? "Allow" : spec.getConcurrencyPolicy();
      if (policy.equals("Forbid") && !active.isEmpty()) {
        // Kubernetes leaves lastScheduleTime alone: the missed run starts when the active one
        // ends, if that is still within startingDeadlineSeconds.
        due = Optional.empty();
      } else if (policy.equals("Replace")) {
        active.forEach(job -> client.resource(job).delete());
        active.clear();
      }
    }
    if (due.isPresent()) {
      active.add(create(cronJob, due.get()));
      lastSchedule = due.get().toString();
    }
    writeStatus(
        cronJob,
        new CronJobStatusBuilder()
            .withActive(active.stream().map(CronJobFirer::reference).toList())
            .withLastScheduleTime(lastSchedule)
            .withLastSuccessfulTime(lastSuccessful)
            .build());
  }

  /**
   * The most recent scheduled time not yet run: after the last one (or the CronJob's creation), at
   * or before now, and no older than startingDeadlineSeconds. Only the most recent of several
   * missed times runs, as in Kubernetes.
   */
  private Optional<Instant> due(CronJob cronJob, Instant now) {
    CronJobSpec spec = cronJob.getSpec();
    CronSchedule schedule;
    ZoneId zone;
    try {
      schedule = CronSchedule.parse(spec.getSchedule());
      zone = spec.getTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(spec.getTimeZone());
    } catch (IllegalArgumentException | DateTimeException e) {
      // Kubernetes reports an UnparseableSchedule or UnknownTimeZone event; here, one warning.
      if (reportedProblems.add(cronJob.getMetadata().getUid() + e.getMessage())) {
        LOG.warning("CronJob " + key(cronJob) + " is not scheduled: " + e.getMessage());
      }
      return Optional.empty();
    }
    CronJobStatus status = cronJob.getStatus();
    Instant earliest =
        status != null && status.getLastScheduleTime() != null
            ? Instant.parse(status.getLastScheduleTime())
            : Instant.parse(cronJob.getMetadata().getCreationTimestamp());
    if (spec.getStartingDeadlineSeconds() != null) {
      Instant deadline = now.minusSeconds(spec.getStartingDeadlineSeconds());
      earliest = earliest.isBefore(deadline) ? deadline : earliest;
    }
    Optional<Instant> mostRecent = Optional.empty();
    for (Optional<Instant> t = schedule.next(earliest, zone);
        t.isPresent() && !t.get().isAfter(now);
        t = schedule.next(t.get(), zone)) {
      mostRecent = t;
    }
    return mostRecent;
  }

  /** The Job Kubernetes would create: named after the scheduled minute, owned by the CronJob. */
  private Job create(CronJob cronJob, Instant scheduled) {
    var template = cronJob.getSpec().getJobTemplate();
    String name = cronJob.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
    ZoneId zone =
        cronJob.getSpec().getTimeZone() == null
            ? ZoneOffset.UTC
            : ZoneId.of(cronJob.getSpec().getTimeZone());
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(cronJob.getMetadata().getNamespace())
            .withLabels(template.getMetadata() == null ? null : template.getMetadata().getLabels())
            .withAnnotations(
                template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .addToAnnotations(
                SCHEDULED_TIMESTAMP,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    scheduled.atZone(zone).truncatedTo(ChronoUnit.SECONDS)))
            .addToOwnerReferences(ControllerReference.to(cronJob))
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    try {
      return client.resource(job).create();
    } catch (KubernetesClientException e) {
      // Already made for this minute (a pass that failed after creating it): it counts as fired.
      if (e.getCode() == 409) {
        return client.resource(job).get();
      }
      throw e;
    }
  }

  /** Deletes the oldest finished Jobs beyond the limit; their pods follow through their owner. */
  private void trimHistory(List<Job> finished, Integer limit, int defaultLimit) {
    int keep = limit == null ? defaultLimit : limit;
    List<Job> oldestFirst =
        finished.stream().sorted(Comparator.comparing(CronJobFirer::startedAt)).toList();
    for (int i = 0; i < oldestFirst.size() - keep; i++) {
      client.resource(oldestFirst.get(i)).delete();
    }
  }

  private static String lastSuccessfulTime(CronJobStatus previous, List<Job> succeeded) {
    String latest = previous == null ? null : previous.getLastSuccessfulTime();
    for (Job job : succeeded) {
      String completed = job.getStatus().getCompletionTime();
      if (completed != null
          && (latest == null || Instant.parse(completed).isAfter(Instant.parse(latest)))) {
        latest = completed;
      }
    }
    return latest;
  }

  private void writeStatus(CronJob cronJob, CronJobStatus status) {
    String uid = cronJob.getMetadata().getUid();
    if (status.equals(writtenStatus.get(uid)) || status.equals(cronJob.getStatus())) {
      writtenStatus.put(uid, status);
      return;
    }
    if (StoredStatus.write(client, cronJob, current -> current.setStatus(status))) {
      writtenStatus.put(uid, status);
    }
  }

  private static Instant startedAt(Job job) {
    String start =
        job.getStatus() != null && job.getStatus().getStartTime() != null
            ? job.getStatus().getStartTime()
            : job.getMetadata().getCreationTimestamp();
    return start == null ? Instant.EPOCH : Instant.parse(start);
  }

  private static ObjectReference reference(Job job) {
    return new ObjectReferenceBuilder()
        .withApiVersion("batch/v1")
        .withKind("Job")
        .withName(job.getMetadata().getName())
        .withNamespace(job.getMetadata().getNamespace())
        .withUid(job.getMetadata().getUid())
        .build();
  }

  private static boolean ownedBy(Job job, String uid) {
    List<OwnerReference> owners = job.getMetadata().getOwnerReferences();
    return owners != null
        && owners.stream()
            .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
  }

  private static String key(CronJob cronJob) {
    return cronJob.getMetadata().getNamespace() + "/" + cronJob.getMetadata().getName();
  }

  @Override
  public void close() {
    schedule.shutdownNow();
  }
}
