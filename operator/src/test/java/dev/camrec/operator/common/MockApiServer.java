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

/**
 * The fabric8 mock API server in CRUD mode on 127.0.0.1, with the committed CRDs named loaded (from
 * {@code crds/}, system property {@code camrec.crds.committed}), and a client for it.
 */
public final class MockApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockApiServer(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /**
   * @param crdFiles file names in crds/, e.g. cameras.camrec.dev-v1.yml
   */
  public static MockApiServer start(String... crdFiles) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
      KubernetesClient client = server.createClient();
      for (String file : crdFiles) {
        Path crd = Path.of(System.getProperty("camrec.crds.committed"), file);
        try (InputStream in = Files.newInputStream(crd)) {
          client.resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
        }
      }
      return new MockApiServer(server, client);
    } catch (IOException e) {
      server.destroy();
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
