package dev.camrec.operator.common;

import dev.camrec.operator.ApiRequestLog;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.dependent.DependentResourceSpec;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResourceFactory;
import java.util.function.Supplier;

/**
 * One controller in a plain JOSDK Operator, wired as QOSDK wires it in production (same reconciler,
 * its one dependent built by the test as CDI would build it, SSA off), so a test can stop it and
 * start a fresh one. Its API requests are recorded for the chart's RBAC test ({@link
 * ApiRequestLog}).
 */
public final class PlainOperator {

  private PlainOperator() {}

  /**
   * @param dependentType the workflow's one dependent class
   * @param resourceType the kind it manages
   * @param dependent builds it, with the collaborators CDI would inject
   */
  public static Operator start(
      KubernetesClient client,
      Class<?> dependentType,
      Class<? extends HasMetadata> resourceType,
      Supplier<DependentResource<?, ?>> dependent,
      Reconciler<?> reconciler) {
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
                DependentResource built = dependent.get();
                configure(built, spec, config);
                return built;
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
                    .withUseSSAToPatchPrimaryResource(false));
    @SuppressWarnings({"rawtypes", "unchecked"})
    Reconciler raw = reconciler;
    operator.register(raw);
    operator.start();
    return operator;
  }
}
