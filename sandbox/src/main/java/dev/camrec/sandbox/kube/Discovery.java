package dev.camrec.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy (unaggregated) discovery documents kubectl reads before anything else: /api, /apis and
 * one APIResourceList per group version, built from the built-in kinds plus every stored CRD.
 * kubectl asks for aggregated discovery first and falls back to these when it gets plain JSON.
 */
final class Discovery {

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final ObjectMapper json;

  Discovery(ObjectMapper json) {
    this.json = json;
  }

  /** Every resource the server offers: built-ins first, then the served versions of each CRD. */
  List<ApiResource> resources(List<JsonNode> crds) {
    List<ApiResource> all = new ArrayList<>(ApiResource.builtIns());
    for (JsonNode crd : crds) {
      JsonNode spec = crd.path("spec");
      JsonNode names = spec.path("names");
      List<String> shortNames = new ArrayList<>();
      names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
      for (JsonNode version : spec.path("versions")) {
        if (!version.path("served").asBoolean(true)) {
          continue;
        }
        all.add(
            new ApiResource(
                spec.path("group").asText(),
                version.path("name").asText(),
                names.path("plural").asText(),
                names.path("singular").asText(names.path("kind").asText().toLowerCase()),
                names.path("kind").asText(),
                !"Cluster".equals(spec.path("scope").asText()),
                shortNames,
                version.path("subresources").has("status")));
      }
    }
    return all;
  }

  ObjectNode coreVersions(String serverAddress) {
    ObjectNode versions = json.createObjectNode();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return versions;
  }

  ObjectNode groups(List<ApiResource> resources) {
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (ApiResource resource : resources) {
      if (resource.group().isEmpty()) {
        continue;
      }
      List<String> versions =
          versionsByGroup.computeIfAbsent(resource.group(), g -> new ArrayList<>());
      if (!versions.contains(resource.version())) {
        versions.add(resource.version());
      }
    }
    ObjectNode list = json.createObjectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versionsByGroup.forEach(
        (group, versions) -> {
          ObjectNode entry = groups.addObject();
          entry.put("name", group);
          ArrayNode versionList = entry.putArray("versions");
          for (String version : versions) {
            versionList
                .addObject()
                .put("groupVersion", group + "/" + version)
                .put("version", version);
          }
          entry
              .putObject("preferredVersion")
              .put("groupVersion", group + "/" + versions.get(0))
              .put("version", versions.get(0));
        });
    return list;
  }

  /** The APIResourceList for one group version, or empty when the server does not serve it. */
  Optional<ObjectNode> resourceList(List<ApiResource> resources, String groupVersion) {
    List<ApiResource> matching =
        resources.stream().filter(r -> r.groupVersion().equals(groupVersion)).toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = json.createObjectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", groupVersion);
    ArrayNode entries = list.putArray("resources");
    for (ApiResource resource : matching) {
      ObjectNode entry = entries.addObject();
      entry.put("name", resource.plural());
      entry.put("singularName", resource.singular());
      entry.put("namespaced", resource.namespaced());
      entry.put("kind", resource.kind());
      VERBS.forEach(entry.putArray("verbs")::add);
      if (!resource.shortNames().isEmpty()) {
        resource.shortNames().forEach(entry.putArray("shortNames")::add);
      }
      if (resource.hasStatus()) {
        ObjectNode status = entries.addObject();
        status.put("name", resource.plural() + "/status");
        status.put("singularName", "");
        status.put("namespaced", resource.namespaced());
        status.put("kind", resource.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return Optional.of(list);
  }
}
