package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Creates the recorder Deployment only for a Camera whose spec the code can use ({@link
 * SchemaChecks}), whose name fits in the names derived from it (a longer one, from before the CRD
 * rule, gets a condition instead of a Deployment the API server would reject on every retry), and
 * whose source URL the recorder can use ({@link SourceUrlCheck}): no pod to crash-loop, and no
 * password in a pod spec.
 */
public class RecorderMayRun implements Condition<Deployment, Camera> {

  @Override
  public boolean isMet(
      DependentResource<Deployment, Camera> dependentResource,
      Camera camera,
      Context<Camera> context) {
    return SchemaChecks.problem(camera).isEmpty()
        && SpecChecks.nameFits(camera)
        && SourceUrlCheck.problem(camera).isEmpty();
  }
}
