package dev.camrec.operator.retention;

import dev.camrec.api.Camera;
import dev.camrec.api.RetentionPolicy;
import dev.camrec.api.RetentionPolicyStatus;
import dev.camrec.operator.common.CamerasForLookup;
import dev.camrec.operator.common.Conditions;
import dev.camrec.operator.common.KubernetesEvents;
import dev.camrec.operator.common.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs one retention CronJob per RetentionPolicy (the managed workflow) and writes the policy's
 * status from its spec, the Cameras it selects, and the result its newest finished Job left in the
 * termination log. Cameras are watched: a Camera created, relabelled, moved to other storage or
 * deleted changes the CronJob before its next run. Status is patched only when it changed; every
 * run gets an Event.
 */
@Workflow(
    dependents =
        @Dependent(type = RetentionCronJob.class, reconcilePrecondition = PolicyIsValid.class))
@ControllerConfiguration(name = RetentionPolicyReconciler.NAME)
public class RetentionPolicyReconciler implements Reconciler<RetentionPolicy> {

  public static final String NAME = "retentionpolicy";
  static final String CAMERAS = "cameras";

  private final Clock clock;

  public RetentionPolicyReconciler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, RetentionPolicy>> prepareEventSources(
      EventSourceContext<RetentionPolicy> context) {
    // Any change of a Camera may change what any policy of its namespace selects (its labels
    // before and after), so every policy there looks again. Which Cameras a policy selects is read
    // from this informer's cache at reconcile time (SelectedCameras), not from an index.
    var cameras =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Camera.class, RetentionPolicy.class)
                .withName(CAMERAS)
                .withItemStore(new CamerasForLookup())
                .withOnUpdateFilter(CamerasForLookup.METADATA_OR_SPEC_CHANGED)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (Camera c) ->
                        context
                            .getPrimaryCache()
                            .list(c.getMetadata().getNamespace())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var jobs =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Job.class, RetentionPolicy.class)
                .withName("retention-jobs")
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.RETENTION_SELECTOR)
                .withSecondaryToPrimaryMapper(RetentionPolicyReconciler::policyOf)
                .build(),
            context);
    var pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, RetentionPolicy.class)
                .withName("retention-pods")
                .withNamespacesInheritedFromController()
                .withLabelSelector(Labels.RETENTION_SELECTOR)
                .withSecondaryToPrimaryMapper(RetentionPolicyReconciler::policyOf)
                .build(),
            context);
    return List.of(cameras, jobs, pods);
  }

  /** Jobs and pods carry their policy's name in a label (copied from the CronJob's template). */
  private static Set<ResourceID> policyOf(HasMetadata r) {
    return Optional.ofNullable(r.getMetadata().getLabels())
        .map(l -> l.get(Labels.RETENTION_POLICY))
        .map(policy -> Set.of(new ResourceID(policy, r.getMetadata().getNamespace())))
        .orElse(Set.of());
  }

  @Override
  public UpdateControl<RetentionPolicy> reconcile(
      RetentionPolicy policy, Context<RetentionPolicy> context) {
    Instant now = clock.instant();
    List<PolicyProblem> problems = PolicyChecks.check(policy);
    int selected = problems.isEmpty() ? SelectedCameras.of(policy, context).size() : 0;
    Optional<LastRun> lastRun =
        LastRun.newest(
            context.getSecondaryResources(Job.class), context.getSecondaryResources(Pod.class));
    var observed =
        new RetentionStatusAggregator.Observed(
            policy.getMetadata().getGeneration() == null ? 0 : policy.getMetadata().getGeneration(),
            now,
            policy.getMetadata().getNamespace(),
            problems,
            policy.getSpec() == null || policy.getSpec().selector() == null
                ? "(none)"
                : CameraSelector.describe(policy.getSpec().selector()),
            selected,
            DesiredRetentionCronJob.nameOf(policy),
            policy.getSpec() == null ? "" : policy.getSpec().schedule(),
            lastRun);

    RetentionPolicyStatus previous = policy.getStatus();
    RetentionPolicyStatus next = RetentionStatusAggregator.aggregate(previous, observed);
    if (!next.equals(previous)) {
      List<io.fabric8.kubernetes.api.model.Condition> before =
          previous == null ? null : previous.conditions();
      KubernetesEvents events = new KubernetesEvents(context.getClient());
      boolean newRun =
          lastRun.isPresent()
              && (previous == null || !lastRun.get().job().equals(previous.lastJob()));
      if (newRun) {
        // One Event per run, worded like the condition it leads to.
        var ready = Conditions.find(next.conditions(), "Ready").orElseThrow();
        events.record(
            policy,
            !"True".equals(ready.getStatus()),
            ready.getReason(),
            RetentionStatusAggregator.runSummary(lastRun.get()),
            now);
      } else {
        events.recordChanges(policy, before, next.conditions(), now);
      }
      PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
          policy,
          context,
          p -> {
            p.setStatus(next);
            return p;
          });
    }
    return UpdateControl.noUpdate();
  }
}
