package dev.camrec.operator.retention;

import dev.camrec.api.RetentionPolicy;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Singleton;

/** The retention CronJob of a RetentionPolicy, owned by it (garbage-collected with it). */
@Singleton
@KubernetesDependent(informer = @Informer(labelSelector = Labels.RETENTION_SELECTOR))
public class RetentionCronJob extends CRUDKubernetesDependentResource<CronJob, RetentionPolicy> {

  private final OperatorSettings settings;
  private final DesiredRetentionCronJob builder;

  public RetentionCronJob(OperatorSettings settings, RetentionSettings retention) {
    super(CronJob.class);
    this.settings = settings;
    this.builder = new DesiredRetentionCronJob(settings, retention);
  }

  // By name, not from desired(): JOSDK asks for it also to delete the CronJob of a policy whose
  // spec became invalid, from which no CronJob can be built.
  @Override
  protected ResourceID targetSecondaryResourceID(
      RetentionPolicy policy, Context<RetentionPolicy> context) {
    return new ResourceID(
        DesiredRetentionCronJob.nameOf(policy), policy.getMetadata().getNamespace());
  }

  @Override
  protected CronJob desired(RetentionPolicy policy, Context<RetentionPolicy> context) {
    // Only reached when PolicyIsValid: the limits parse.
    PolicyLimits limits = PolicyLimits.of(policy.getSpec()).limits().orElseThrow();
    return builder.build(
        policy, limits, StorageTargets.of(SelectedCameras.of(policy, context), settings));
  }
}
