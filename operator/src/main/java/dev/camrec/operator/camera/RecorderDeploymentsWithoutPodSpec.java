package dev.camrec.operator.camera;

import dev.camrec.operator.common.TrimmedCache;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The informer cache of recorder Deployments, without their pod template's spec: the operator reads
 * a Deployment's status, its replicas and the hash of the spec it wrote ({@link
 * RecorderDeployment#match}); the pod spec (containers, env, volumes, probes) is most of a
 * Deployment. Public, with no arguments: JOSDK makes it from {@link RecorderDeployment}'s
 * annotation.
 */
public final class RecorderDeploymentsWithoutPodSpec extends TrimmedCache<Deployment> {

  public RecorderDeploymentsWithoutPodSpec() {
    super(
        deployment -> {
          if (deployment.getSpec() != null && deployment.getSpec().getTemplate() != null) {
            deployment.getSpec().getTemplate().setSpec(null);
          }
        });
  }
}
