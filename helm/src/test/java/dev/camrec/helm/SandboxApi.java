package dev.camrec.helm;

import dev.camrec.sandbox.kube.SandboxApiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The sandbox's Kubernetes API (fabric8 mock with discovery) on 127.0.0.1, started once for the
 * test run and stopped when JUnit finishes. Helm finds it through KUBECONFIG (set by surefire to
 * the file this writes): {@code lookup} in templates asks it, as it would ask a cluster. A test
 * method may take it as a {@link SandboxApiServer} parameter.
 */
final class SandboxApi implements BeforeAllCallback, ParameterResolver {

  static final Path KUBECONFIG = Path.of(System.getProperty("camrec.kubeconfig"));

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SandboxApiServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static SandboxApiServer server(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Running.class, k -> new Running(), Running.class)
        .server;
  }

  /** Closed by JUnit at the end of the run. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final SandboxApiServer server =
        // Without CRDs, as a fresh cluster: helm install brings them.
        SandboxApiServer.start(List.of(), KUBECONFIG);

    @Override
    public void close() {
      server.close();
    }
  }
}
