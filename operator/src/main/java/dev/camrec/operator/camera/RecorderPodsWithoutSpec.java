package dev.camrec.operator.camera;

import dev.camrec.operator.common.TrimmedCache;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The informer cache of recorder pods, holding each pod's metadata and status but not its spec: the
 * operator reads only why a recorder container waits or ended ({@link RecorderObservation}), and
 * the spec (containers, env, volumes, probes) is most of a pod.
 */
final class RecorderPodsWithoutSpec extends TrimmedCache<Pod> {

  RecorderPodsWithoutSpec() {
    super(pod -> pod.setSpec(null));
  }
}
