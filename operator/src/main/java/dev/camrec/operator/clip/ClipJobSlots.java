package dev.camrec.operator.clip;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The limit on clip Jobs running at once. Running Jobs are counted from the informer's cache; a Job
 * this operator just created but the cache has not shown yet is counted by name until it shows, so
 * two reconciles on two threads cannot both take the last slot.
 */
public final class ClipJobSlots {

  private final int max;
  private final Set<String> created = new HashSet<>();

  public ClipJobSlots(int max) {
    this.max = max;
  }

  /**
   * Takes a slot for the Job named {@code job} (namespace/name) if one is free among the {@code
   * cached} clip Jobs.
   */
  public synchronized boolean tryTake(String job, Stream<Job> cached) {
    Set<String> seen = new HashSet<>();
    cached.forEach(
        j -> {
          created.remove(key(j)); // the cache shows it now: counted from there
          if (running(j)) {
            seen.add(key(j));
          }
        });
    if (seen.contains(job) || created.contains(job)) {
      return true;
    }
    if (seen.size() + created.size() >= max) {
      return false;
    }
    created.add(job);
    return true;
  }

  static String key(Job j) {
    return j.getMetadata().getNamespace() + "/" + j.getMetadata().getName();
  }

  /** Not yet Complete or Failed. */
  static boolean running(Job j) {
    return j.getStatus() == null
        || j.getStatus().getConditions() == null
        || j.getStatus().getConditions().stream()
            .noneMatch(
                c ->
                    "True".equals(c.getStatus())
                        && ("Complete".equals(c.getType()) || "Failed".equals(c.getType())));
  }
}
