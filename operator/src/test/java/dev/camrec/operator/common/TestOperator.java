package dev.camrec.operator.common;

import dev.camrec.operator.ApiRequestLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;
import java.util.function.Supplier;

/**
 * A controller in a plain JOSDK Operator, wired as QOSDK wires it in production (same reconciler,
 * same dependent built from the test's settings, SSA off), so a test can stop it and start a fresh
 * one. Its client records the API requests it makes ({@link ApiRequestLog}) for the chart's RBAC
 * test.
 */
public final class TestOperator {

  private TestOperator() {}

  /**
   * @param dependentType the one dependent class the reconciler's workflow declares
   * @param dependent makes it, as CDI would
   * @param resourceType the kind the dependent manages
   */
  public static Operator start(
      KubernetesClient client,
      Reconciler<?> reconciler,
      Class<?> dependentType,
      Supplier<DependentResource<?, ?>> dependent,
      Class<?> resourceType) {
    return start(client, reconciler, dependentType, dependent, resourceType, Metrics.NOOP);
  }

  /** As above, with the operator reporting its reconciles to {@code metrics}. */
  public static Operator start(
      KubernetesClient client,
      Reconciler<?> reconciler,
      Class<?> dependentType,
      Supplier<DependentResource<?, ?>> dependent,
      Class<?> resourceType,
      Metrics metrics) {
    DependentResourceFactory<ControllerConfiguration<?>, DependentResourceSpec<?, ?, ?>>
        dependents =
            new DependentResourceFactory<>() {
              @Override
              @SuppressWarnings({"rawtypes", "unchecked"})
              public DependentResource createFrom(
                  DependentResourceSpec spec, ControllerConfiguration config) {
                if (spec.getDependentResourceClass() != dependentType) {
                  throw new IllegalArgumentException(
                      "unexpected dependent " + spec.getDependentResourceClass());
                }
                DependentResource made = dependent.get();
                configure(made, spec, config);
                return made;
              }

              @Override
              public Class<?> associatedResourceType(DependentResourceSpec spec) {
                return resourceType;
              }
            };
    Operator operator =
        new Operator(
            o ->
                // The operator's own client, closed with it, records its API requests for RBAC.
                o.withKubernetesClient(ApiRequestLog.recordingClientLike(client))
                    .withCloseClientOnStop(true)
                    .withDependentResourceFactory(dependents)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(metrics));
    operator.register(reconciler);
    operator.start();
    return operator;
  }
}
