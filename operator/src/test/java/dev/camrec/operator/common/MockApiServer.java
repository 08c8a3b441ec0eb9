package dev.camrec.operator.common;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/** The fabric8 mock API server as the operator's tests use it: CRUD, on 127.0.0.1 only. */
public final class MockApiServer {

  private MockApiServer() {}

  /** Started on a free port of 127.0.0.1; the caller destroys it. */
  public static KubernetesMockServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("mock API server did not start", e);
    }
    return server;
  }

  /** Creates the committed CRDs (file names under crds/) in the server. */
  public static void loadCrds(KubernetesClient client, String... files) {
    for (String file : files) {
      Path crd = Path.of(System.getProperty("camrec.crds.committed"), file);
      try (InputStream in = Files.newInputStream(crd)) {
        client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + crd, e);
      }
    }
  }
}
