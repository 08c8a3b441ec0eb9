package dev.camrec.operator.camera;

import dev.camrec.operator.common.TrimmedCache;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

/**
 * The informer cache of recorder Deployments, holding what the operator reads of one: its metadata
 * (owner, the hash of the spec it wrote), its replicas ({@link RecorderDeployment#match}) and its
 * ready replicas ({@link RecorderObservation}). The pod template (containers, env, volumes, probes)
 * is most of a Deployment. Public, with no arguments: JOSDK makes it from {@link
 * RecorderDeployment}'s annotation.
 */
public final class RecorderDeploymentsAsRead extends TrimmedCache<Deployment> {

  public RecorderDeploymentsAsRead() {
    super(
        deployment -> {
          if (deployment.getSpec() != null) {
            deployment.setSpec(
                new DeploymentSpecBuilder()
                    .withReplicas(deployment.getSpec().getReplicas())
                    .build());
          }
          if (deployment.getStatus() != null) {
            deployment.setStatus(
                new DeploymentStatusBuilder()
                    .withReadyReplicas(deployment.getStatus().getReadyReplicas())
                    .build());
          }
        });
  }
}
