package dev.camrec.operator.retention;

import dev.camrec.api.RetentionPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CRD schema cannot check (or an API server without it lets through) about a policy: its
 * name fits its CronJob's, its schedule is one the CronJob controller reads, its selector is valid,
 * its limits parse. Nothing here throws: a bad spec becomes a condition, never a retry loop.
 */
final class PolicyChecks {

  static final String NAME_TOO_LONG = "NameTooLong";
  static final String INVALID_SCHEDULE = "InvalidSchedule";
  static final String INVALID_SELECTOR = "InvalidSelector";
  static final String INVALID_LIMITS = "InvalidLimits";
  static final String INVALID_SPEC = "InvalidSpec";

  private PolicyChecks() {}

  static List<PolicyProblem> check(RetentionPolicy policy) {
    List<PolicyProblem> problems = new ArrayList<>();
    String name = policy.getMetadata().getName();
    if (name.length() > RetentionPolicy.MAX_NAME_LENGTH) {
      problems.add(
          new PolicyProblem(
              NAME_TOO_LONG,
              "The name "
                  + name
                  + " has "
                  + name.length()
                  + " characters; at most "
                  + RetentionPolicy.MAX_NAME_LENGTH
                  + " fit in its CronJob's name. Create the policy again under a shorter name."));
    }
    if (policy.unreadableSpec().isPresent()) {
      problems.add(new PolicyProblem(INVALID_SPEC, policy.unreadableSpec().get().message() + "."));
      return problems;
    }
    var spec = policy.getSpec();
    if (spec == null) {
      problems.add(new PolicyProblem(INVALID_LIMITS, "The policy has no spec."));
      return problems;
    }
    CronSchedule.problem(spec.schedule())
        .ifPresent(
            p ->
                problems.add(
                    new PolicyProblem(
                        INVALID_SCHEDULE,
                        "spec.schedule '"
                            + spec.schedule()
                            + "': "
                            + p
                            + ". Fix it, e.g. \"0 * * * *\" for hourly; no runs until then.")));
    CameraSelector.problem(spec.selector())
        .ifPresent(
            p ->
                problems.add(
                    new PolicyProblem(INVALID_SELECTOR, p + ". Fix it; no runs until then.")));
    PolicyLimits.of(spec)
        .problem()
        .ifPresent(
            p -> problems.add(new PolicyProblem(INVALID_LIMITS, p + "; no runs until then.")));
    return problems;
  }
}
