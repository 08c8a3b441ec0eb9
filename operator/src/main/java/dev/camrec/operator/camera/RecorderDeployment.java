package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The recorder Deployment of a Camera, owned by it (garbage-collected with it). */
@Singleton
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.RECORDER_SELECTOR,
            itemStore = RecorderDeploymentsAsRead.class))
public class RecorderDeployment extends CRUDKubernetesDependentResource<Deployment, Camera> {

  private final OperatorSettings settings;
  private final DesiredRecorderDeployment builder;
  private final Clock clock;

  public RecorderDeployment(OperatorSettings settings, Clock clock) {
    super(Deployment.class);
    this.settings = settings;
    this.builder = new DesiredRecorderDeployment(settings);
    this.clock = clock;
  }

  // By name, not from desired(): JOSDK asks for it also to delete the Deployment of a Camera whose
  // spec became invalid, from which no Deployment can be built.
  @Override
  protected ResourceID targetSecondaryResourceID(Camera camera, Context<Camera> context) {
    return new ResourceID(
        DesiredRecorderDeployment.nameOf(camera), camera.getMetadata().getNamespace());
  }

  @Override
  protected Deployment desired(Camera camera, Context<Camera> context) {
    RecordingPlan plan = RecordingPlan.of(camera, clock.instant());
    Map<String, Secret> secrets =
        context.getSecondaryResources(Secret.class).stream()
            .collect(Collectors.toMap(s -> s.getMetadata().getName(), Function.identity()));
    return builder.build(
        camera, plan, SecretReferences.fingerprint(camera, settings, secrets::get));
  }

  /**
   * Up to date when the Deployment carries the hash of the spec this Camera wants and runs the
   * replicas it wants: the cache holds no pod template to compare ({@link
   * RecorderDeploymentsAsRead}). Replicas are compared apart because {@code kubectl scale} is the
   * hand edit people make; another hand edit of the pod template stays until the Camera's spec (or
   * the operator's version) changes what it wants.
   */
  @Override
  public Result<Deployment> match(
      Deployment actual, Deployment desired, Camera camera, Context<Camera> context) {
    boolean upToDate =
        Objects.equals(specHash(actual), specHash(desired))
            && Objects.equals(actual.getSpec().getReplicas(), desired.getSpec().getReplicas());
    return Result.computed(upToDate, desired);
  }

  private static String specHash(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(DesiredRecorderDeployment.SPEC_HASH);
  }
}
