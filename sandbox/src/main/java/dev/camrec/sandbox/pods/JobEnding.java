package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/** How a Job ended, read as controllers read it: its Complete or Failed condition being True. */
final class JobEnding {

  private JobEnding() {}

  /** "Complete" or "Failed"; empty while the Job runs. */
  static Optional<String> of(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> c.getType())
        .filter(type -> "Complete".equals(type) || "Failed".equals(type))
        .findFirst();
  }
}
