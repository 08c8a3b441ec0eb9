package dev.camrec.operator.retention;

import dev.camrec.api.RetentionPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Keeps a CronJob only for a policy without spec problems: an invalid schedule would be rejected by
 * the API server on every retry, and an invalid selector or limit would prune by a rule nobody
 * wrote. The policy's Ready condition says what to fix; an existing CronJob is deleted meanwhile.
 */
public class PolicyIsValid implements Condition<CronJob, RetentionPolicy> {

  @Override
  public boolean isMet(
      DependentResource<CronJob, RetentionPolicy> dependentResource,
      RetentionPolicy policy,
      Context<RetentionPolicy> context) {
    return PolicyChecks.check(policy).isEmpty();
  }
}
