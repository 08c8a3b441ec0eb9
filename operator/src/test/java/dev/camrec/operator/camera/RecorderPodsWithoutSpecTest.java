package dev.camrec.operator.camera;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecorderPodsWithoutSpecTest {

  @Test
  void aPodIsHeldWithItsMetadataAndStatusButNotItsSpec() {
    Pod pod =
        Serialization.unmarshal(
            """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"door-recorder-1","namespace":"ns",
                         "labels":{"camrec.dev/camera":"door"},
                         "creationTimestamp":"2026-12-02T05:00:00Z"},
             "spec":{"containers":[{"name":"recorder","image":"r:1",
                                    "env":[{"name":"CAMREC_X","value":"1"}]}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"recorder","ready":false,
                       "restartCount":3,"image":"r:1","imageID":"","started":false,
                       "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """,
            Pod.class);
    RecorderPodsWithoutSpec pods = new RecorderPodsWithoutSpec();
    pods.put(pods.getKey(pod), pod);

    Pod held = pods.get("ns/door-recorder-1");
    assertThat(held.getSpec()).isNull();
    assertThat(held.getMetadata().getLabels()).containsEntry("camrec.dev/camera", "door");
    // What the operator reads of a recorder pod is all there.
    RecorderObservation seen = RecorderObservation.of(Optional.empty(), pods.values().toList());
    assertThat(seen.restarts()).isEqualTo(3);
    assertThat(seen.waitingReason()).contains("CrashLoopBackOff");
  }
}
