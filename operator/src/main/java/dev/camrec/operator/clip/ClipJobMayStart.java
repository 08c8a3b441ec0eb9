package dev.camrec.operator.clip;

import dev.camrec.api.ClipRequest;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Creates the clip Job only when its range is recorded, its Camera exists, the request has not
 * finished and a slot is free ({@link ClipGate}, {@link ClipJobSlots}). Met whenever the Job
 * exists: an unmet precondition would delete it, and with it the finished pod the status is read
 * from.
 */
public class ClipJobMayStart implements Condition<Job, ClipRequest> {

  @Override
  public boolean isMet(
      DependentResource<Job, ClipRequest> dependent,
      ClipRequest clip,
      Context<ClipRequest> context) {
    return context.getSecondaryResource(Job.class).isPresent()
        || ((ClipJob) dependent).mayStart(clip, context);
  }
}
