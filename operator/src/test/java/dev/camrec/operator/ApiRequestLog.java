package dev.camrec.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every Kubernetes API request the operator makes in tests, one line per distinct {@code
 * METHOD path [watch]}, to {@code target/operator-api-requests.txt}. The Helm chart's RBAC test
 * turns these lines into the verbs and resources the operator needs and fails when the chart grants
 * less or more; so a controller that starts making new requests in its tests shows its authors the
 * rules to add.
 *
 * <p>Only the operator's client records (the test's own client is left alone), so the file holds
 * what the operator does, not what the tests set up. The file is rewritten by the first test of a
 * run that starts an operator.
 */
public final class ApiRequestLog {

  /** The file the Helm chart's RBAC test reads; surefire passes its location. */
  static final Path FILE =
      Path.of(
          System.getProperty("camrec.operator.api-requests", "target/operator-api-requests.txt"));

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  static {
    try {
      Files.createDirectories(FILE.toAbsolutePath().getParent());
      Files.writeString(FILE, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ApiRequestLog() {}

  /** A new client for the operator, on {@code testClient}'s configuration, that records. */
  public static KubernetesClient recordingClientLike(KubernetesClient testClient) {
    return new KubernetesClientBuilder()
        .withConfig(testClient.getConfiguration())
        .withHttpClientBuilderConsumer(
            b ->
                b.addOrReplaceInterceptor(
                    "camrec-api-request-log",
                    new Interceptor() {
                      @Override
                      public void before(
                          BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        record(request.method(), request.uri());
                      }
                    }))
        .build();
  }

  static void record(String method, URI uri) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    boolean watch = ("&" + query + "&").contains("&watch=true&");
    String line = method + " " + uri.getRawPath() + (watch ? " watch" : "");
    if (SEEN.add(line)) {
      try {
        Files.writeString(FILE, line + "\n", StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
