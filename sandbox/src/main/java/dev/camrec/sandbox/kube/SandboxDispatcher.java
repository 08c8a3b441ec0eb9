package dev.camrec.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps the CRUD dispatcher with what the real kubectl needs and the mock lacks: version and
 * discovery documents, and Table output for {@code kubectl get}. A wrapper rather than expectations
 * because both depend on the CRDs stored at the time of the request, and a CRD applied later must
 * show up as a kind kubectl knows.
 */
final class SandboxDispatcher extends Dispatcher {

  private static final String AUTHORIZATION_PATH = "/apis/authorization.k8s.io/v1/";
  private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final KubernetesCrudDispatcher storage;
  private final ObjectMapper json;
  private final Discovery discovery;
  private final TableConverter tables;
  private final boolean keepEvents;
  private final Map<String, LongAdder> requestsByAgent = new ConcurrentHashMap<>();
  private volatile String serverAddress = "127.0.0.1";

  SandboxDispatcher(
      KubernetesCrudDispatcher storage, ObjectMapper json, Clock clock, boolean keepEvents) {
    this.storage = storage;
    this.keepEvents = keepEvents;
    this.json = json;
    this.discovery = new Discovery(json);
    this.tables = new TableConverter(json, clock);
  }

  void serverAddress(String hostAndPort) {
    this.serverAddress = hostAndPort;
  }

  /** Requests served so far, by User-Agent (a watch is one request). */
  Map<String, Long> requestsServed() {
    Map<String, Long> counts = new TreeMap<>();
    requestsByAgent.forEach((agent, count) -> counts.put(agent, count.sum()));
    return counts;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String agent = request.getHeader("User-Agent");
    requestsByAgent.computeIfAbsent(agent == null ? "" : agent, a -> new LongAdder()).increment();
    String path = request.getPath();
    int query = path.indexOf('?');
    String plainPath = query < 0 ? path : path.substring(0, query);
    boolean isGet = "GET".equals(request.getMethod());
    if ("POST".equals(request.getMethod()) && plainPath.startsWith(AUTHORIZATION_PATH)) {
      // Whatever its encoding (kubectl auth can-i sends protobuf): the answer does not depend on
      // it.
      return selfReview(request, plainPath.substring(AUTHORIZATION_PATH.length()));
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      return protobufUnsupported();
    }
    if (!keepEvents && plainPath.contains("/events")) {
      return discardedEvent(request, plainPath);
    }
    if (isGet) {
      Optional<MockResponse> special = discoveryOrVersion(plainPath);
      if (special.isPresent()) {
        return special.get();
      }
      Optional<FieldSelector> fields =
          query < 0 ? Optional.empty() : FieldSelector.inQuery(path.substring(query + 1));
      if (fields.isPresent() && plainPath.endsWith("/events")) {
        return selectedEvents(plainPath, fields.get());
      }
      String accept = request.getHeader("Accept");
      if (accept != null && accept.contains("as=Table") && !path.contains("watch=true")) {
        Optional<MockResponse> table = table(request, plainPath);
        if (table.isPresent()) {
          return table.get();
        }
      }
    }
    return storage.dispatch(request);
  }

  /**
   * Some kubectl commands send built-in kinds as protobuf (kubectl create job --from, create
   * deployment...). The CRUD storage reads JSON and YAML only: handed protobuf it throws inside the
   * server and the client waits for its timeout. Answer at once, with the way around it.
   */
  /**
   * Events when they are not kept: a create or update is answered as done, and an Event looked up
   * by name is not found (KubernetesEvents looks for one to count repeats), without a scan of the
   * store for it.
   */
  private static MockResponse discardedEvent(RecordedRequest request, String plainPath) {
    return switch (request.getMethod()) {
      case "POST" -> new MockResponse().setResponseCode(201).setBody(request.getUtf8Body());
      case "PUT", "PATCH" -> new MockResponse().setResponseCode(200).setBody(request.getUtf8Body());
      default ->
          plainPath.endsWith("/events")
              ? new MockResponse()
                  .setResponseCode(200)
                  .setBody(
                      "{\"kind\":\"EventList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}")
              : new MockResponse()
                  .setResponseCode(404)
                  .setBody(
                      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
    };
  }

  private MockResponse protobufUnsupported() {
    ObjectNode status = json.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure");
    status.putObject("metadata");
    status
        .put(
            "message",
            "the camrec sandbox API reads JSON and YAML, not protobuf; create it from JSON, e.g."
                + " kubectl create job --from=cronjob/NAME JOB --dry-run=client -o json"
                + " | kubectl create --validate=false -f -")
        .put("reason", "UnsupportedMediaType")
        .put("code", 415);
    return new MockResponse()
        .setResponseCode(415)
        .setHeader("Content-Type", "application/json")
        .setBody(status.toString());
  }

  private Optional<MockResponse> discoveryOrVersion(String path) {
    String[] segments = segments(path);
    if (path.equals("/version")) {
      return Optional.of(
          ok(
              json.createObjectNode()
                  .put("major", "1")
                  .put("minor", "32")
                  .put("gitVersion", "v1.32.0-camrec-sandbox")
                  .put("platform", "linux/amd64")));
    }
    if (path.equals("/api")) {
      return Optional.of(ok(discovery.coreVersions(serverAddress)));
    }
    if (path.equals("/apis")) {
      return Optional.of(ok(discovery.groups(discovery.resources(storedCrds()))));
    }
    if (path.startsWith("/openapi/")) {
      // No OpenAPI documents: kubectl then skips client-side validation only with --validate=false.
      return Optional.of(new MockResponse().setResponseCode(404).setBody("{}"));
    }
    String groupVersion = null;
    if (segments.length == 2 && segments[0].equals("api")) {
      groupVersion = segments[1];
    } else if (segments.length == 3 && segments[0].equals("apis")) {
      groupVersion = segments[1] + "/" + segments[2];
    }
    if (groupVersion == null) {
      return Optional.empty();
    }
    return Optional.of(
        discovery
            .resourceList(discovery.resources(storedCrds()), groupVersion)
            .map(this::ok)
            .orElseGet(() -> new MockResponse().setResponseCode(404).setBody("{}")));
  }

  /**
   * The sandbox has no RBAC: whoever asks may do everything. JOSDK's leader election asks with a
   * SelfSubjectRulesReview before it starts, and the mock would reject that as an invalid object.
   */
  private MockResponse selfReview(RecordedRequest request, String kind) {
    String body = request.getUtf8Body() == null ? "" : request.getUtf8Body();
    JsonNode parsed = body.isBlank() ? json.createObjectNode() : read(body);
    ObjectNode review = parsed.isObject() ? (ObjectNode) parsed : json.createObjectNode();
    review.putObject("metadata");
    ObjectNode status = review.putObject("status");
    if (kind.equals("selfsubjectrulesreviews")) {
      ObjectNode rule = status.putArray("resourceRules").addObject();
      rule.putArray("verbs").add("*");
      rule.putArray("apiGroups").add("*");
      rule.putArray("resources").add("*");
      ObjectNode urls = status.putArray("nonResourceRules").addObject();
      urls.putArray("verbs").add("*");
      urls.putArray("nonResourceURLs").add("*");
      status.put("incomplete", false);
    } else if (kind.equals("selfsubjectaccessreviews")) {
      status.put("allowed", true);
    } else {
      return new MockResponse().setResponseCode(404).setBody("{}");
    }
    return new MockResponse()
        .setResponseCode(201)
        .setHeader("Content-Type", "application/json")
        .setBody(review.toString());
  }

  /**
   * Events that the field selector picks (kubectl describe asks for one object's), which the CRUD
   * storage would not select. As an EventList: the storage answers kind List, which kubectl's typed
   * client cannot decode, and describe then shows no Events at all.
   */
  private MockResponse selectedEvents(String path, FieldSelector fields) {
    MockResponse stored = storage.handleGet(path);
    if (stored.code() != 200) {
      return stored;
    }
    ObjectNode events =
        fields.filter(read(new String(stored.getBody().getBytes(), StandardCharsets.UTF_8)));
    return ok(events.put("kind", "EventList"));
  }

  private Optional<MockResponse> table(RecordedRequest request, String path) {
    Optional<ResourcePath> target = ResourcePath.parse(segments(path));
    if (target.isEmpty()) {
      return Optional.empty();
    }
    MockResponse stored = storage.dispatch(request);
    if (stored.code() != 200) {
      return Optional.of(stored);
    }
    JsonNode body = read(new String(stored.getBody().getBytes(), StandardCharsets.UTF_8));
    return Optional.of(
        ok(tables.toTable(body, printerColumns(target.get()), target.get().plural())));
  }

  private JsonNode printerColumns(ResourcePath target) {
    for (JsonNode crd : storedCrds()) {
      JsonNode spec = crd.path("spec");
      if (!spec.path("group").asText().equals(target.group())
          || !spec.path("names").path("plural").asText().equals(target.plural())) {
        continue;
      }
      for (JsonNode version : spec.path("versions")) {
        if (version.path("name").asText().equals(target.version())) {
          return version.path("additionalPrinterColumns");
        }
      }
    }
    return null;
  }

  private List<JsonNode> storedCrds() {
    MockResponse response = storage.handleGet(CRDS_PATH);
    List<JsonNode> crds = new ArrayList<>();
    if (response.code() == 200) {
      read(new String(response.getBody().getBytes(), StandardCharsets.UTF_8))
          .path("items")
          .forEach(crds::add);
    }
    return crds;
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse ok(JsonNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static String[] segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
  }

  /** The kind and (optional) name a GET addresses; empty for subresources and anything else. */
  private record ResourcePath(String group, String version, String plural) {

    static Optional<ResourcePath> parse(String[] segments) {
      int start;
      String group;
      if (segments.length >= 3 && segments[0].equals("api")) {
        group = "";
        start = 2;
      } else if (segments.length >= 4 && segments[0].equals("apis")) {
        group = segments[1];
        start = 3;
      } else {
        return Optional.empty();
      }
      String version = segments[start - 1];
      String[] rest = Arrays.copyOfRange(segments, start, segments.length);
      if (rest.length >= 3 && rest[0].equals("namespaces")) {
        rest = Arrays.copyOfRange(rest, 2, rest.length);
      }
      if (rest.length == 0 || rest.length > 2) {
        return Optional.empty();
      }
      return Optional.of(new ResourcePath(group, version, rest[0]));
    }
  }
}
