package dev.camrec.sandbox.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A Kubernetes API on 127.0.0.1 that both fabric8 clients and the real kubectl can use: the fabric8
 * mock server in CRUD mode with our CRDs stored, plus discovery and Table output. It writes a
 * kubeconfig (plain http, no credentials) for kubectl and for the operator process.
 */
public final class SandboxApiServer implements AutoCloseable {

  public static final String CONTEXT = "camrec-sandbox";

  /** The User-Agent of the sandbox's own client, so its requests can be told from others'. */
  public static final String USER_AGENT = "camrec-sandbox";

  // The mock logs every request at INFO; the sandbox's console is for what a user needs to see.
  // Held in a field because java.util.logging keeps loggers only weakly.
  private static final Logger MOCK_SERVER_LOG =
      Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  static {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final SandboxDispatcher dispatcher;
  private final URI url;
  private final Path kubeconfig;
  private final KubernetesClient client;

  private SandboxApiServer(
      KubernetesMockServer server, SandboxDispatcher dispatcher, URI url, Path kubeconfig) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.url = url;
    this.kubeconfig = kubeconfig;
    this.client = new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
  }

  /**
   * Starts on a free port of 127.0.0.1, stores every CRD in {@code crdFiles} and writes the
   * kubeconfig to {@code kubeconfig}.
   */
  public static SandboxApiServer start(List<Path> crdFiles, Path kubeconfig) {
    return start(crdFiles, kubeconfig, false);
  }

  /**
   * As {@link #start(List, Path)}; {@code forScale} readies it for benchmarks with thousands of
   * objects, where the mock's store rather than the client would set the pace: objects are found by
   * name ({@link NameIndexedCrudDispatcher}), and Events are answered as created but not stored
   * (lists, gets and watches still scan every stored object, and at 10,000 Cameras their Events
   * would be most of them).
   */
  public static SandboxApiServer start(List<Path> crdFiles, Path kubeconfig, boolean forScale) {
    SandboxDispatcher dispatcher =
        new SandboxDispatcher(
            forScale ? new NameIndexedCrudDispatcher() : new KubernetesCrudDispatcher(List.of()),
            Serialization.jsonMapper(),
            Clock.systemUTC(),
            !forScale);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            dispatcher,
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dispatcher.serverAddress("127.0.0.1:" + server.getPort());
    URI url = URI.create("http://127.0.0.1:" + server.getPort());
    SandboxApiServer api = new SandboxApiServer(server, dispatcher, url, kubeconfig);
    try {
      api.writeKubeconfig();
      crdFiles.forEach(api::applyCrd);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
    return api;
  }

  /** The *.yaml and *.yml files of a folder such as crds/, sorted by name. */
  public static List<Path> crdFilesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return url;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** Requests served so far, by User-Agent ({@link #USER_AGENT} for the sandbox's own). */
  public Map<String, Long> requestsServed() {
    return dispatcher.requestsServed();
  }

  /** A client for the sandbox's own use; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /** The kubectl line a person can paste, e.g. {@code kubectl --kubeconfig ... get cameras}. */
  public String kubectlLine(String arguments) {
    return "kubectl --kubeconfig " + kubeconfig.toAbsolutePath() + " " + arguments;
  }

  public void applyCrd(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(crd)
          .createOr(c -> c.update());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeKubeconfig() {
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: " + CONTEXT,
            "  cluster:",
            "    server: " + url,
            "users:",
            "- name: " + CONTEXT,
            "  user: {}",
            "contexts:",
            "- name: " + CONTEXT,
            "  context:",
            "    cluster: " + CONTEXT,
            "    user: " + CONTEXT,
            "    namespace: default",
            "current-context: " + CONTEXT,
            "");
    try {
      Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
      Files.writeString(kubeconfig, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Config clientConfig(URI url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url.toString())
        .withNamespace("default")
        .withRequestRetryBackoffLimit(2)
        .withUserAgent(USER_AGENT)
        .build();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
