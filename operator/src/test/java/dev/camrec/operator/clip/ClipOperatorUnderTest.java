package dev.camrec.operator.clip;

import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.TestOperator;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;

/**
 * The ClipRequest controller in a plain JOSDK Operator, wired as QOSDK wires it in production (same
 * reconciler, same dependent and precondition, SSA off), with the gate's clock chosen by the test.
 */
final class ClipOperatorUnderTest implements AutoCloseable {

  private final Operator operator;

  private ClipOperatorUnderTest(Operator operator) {
    this.operator = operator;
  }

  static ClipOperatorUnderTest start(
      KubernetesClient client,
      OperatorSettings settings,
      ClipSettings clips,
      ClipGate gate,
      ClipStore store) {
    ClipJobSlots slots = new ClipJobSlots(clips.maxRunningJobs());
    return new ClipOperatorUnderTest(
        TestOperator.start(
            client,
            new ClipRequestReconciler(settings, clips, gate, store),
            ClipJob.class,
            () -> new ClipJob(settings, clips, gate, slots),
            Job.class));
  }

  @Override
  public void close() {
    operator.stop();
  }
}
