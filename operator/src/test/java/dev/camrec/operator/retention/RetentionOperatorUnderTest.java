package dev.camrec.operator.retention;

import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.TestOperator;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The RetentionPolicy controller in a plain JOSDK Operator, wired as QOSDK wires it. */
final class RetentionOperatorUnderTest implements AutoCloseable {

  private final Operator operator;

  private RetentionOperatorUnderTest(Operator operator) {
    this.operator = operator;
  }

  static RetentionOperatorUnderTest start(
      KubernetesClient client, OperatorSettings settings, RetentionSettings retention) {
    return new RetentionOperatorUnderTest(
        TestOperator.start(
            client,
            new RetentionPolicyReconciler(Clock.systemUTC()),
            RetentionCronJob.class,
            () -> new RetentionCronJob(settings, retention),
            CronJob.class));
  }

  @Override
  public void close() {
    operator.stop();
  }
}
