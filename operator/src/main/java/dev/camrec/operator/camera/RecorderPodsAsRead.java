package dev.camrec.operator.camera;

import dev.camrec.operator.common.Labels;
import dev.camrec.operator.common.TrimmedCache;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.Set;

/**
 * The informer cache of recorder pods, holding what the operator reads of a pod: its camera label,
 * its metadata, and its containers' states ({@link RecorderObservation}: why the recorder waits or
 * ended). The spec (containers, env, volumes, probes) and the pod's conditions are most of a pod.
 */
final class RecorderPodsAsRead extends TrimmedCache<Pod> {

  RecorderPodsAsRead() {
    super(
        pod -> {
          pod.setSpec(null);
          if (pod.getMetadata().getLabels() != null) {
            pod.getMetadata().getLabels().keySet().retainAll(Set.of(Labels.CAMERA));
          }
          if (pod.getStatus() != null) {
            pod.setStatus(
                new PodStatusBuilder()
                    .withPhase(pod.getStatus().getPhase())
                    .withContainerStatuses(pod.getStatus().getContainerStatuses())
                    .build());
          }
        });
  }
}
