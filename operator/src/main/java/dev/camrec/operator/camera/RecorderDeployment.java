package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.OperatorSettings;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The recorder Deployment of a Camera, owned by it (garbage-collected with it). */
@Singleton
@KubernetesDependent(informer = @Informer(labelSelector = Labels.RECORDER_SELECTOR))
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
}
