package dev.camrec.helm;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One verb on one resource of one API group, as RBAC rules grant it and requests need it. */
record Permission(String group, String resource, String verb) implements Comparable<Permission> {

  /**
   * What an API request needs, from a line of operator-api-requests.txt: {@code METHOD path
   * [watch]}, e.g. {@code GET /apis/apps/v1/deployments watch} needs {@code watch} on {@code
   * apps/deployments}.
   */
  static Permission neededBy(String line) {
    String[] parts = line.trim().split(" ");
    String method = parts[0];
    boolean watch = parts.length > 2 && parts[2].equals("watch");
    List<String> path =
        new ArrayList<>(Arrays.asList(URI.create(parts[1]).getPath().substring(1).split("/")));
    String group;
    if (path.get(0).equals("api")) {
      group = "";
      path = path.subList(2, path.size());
    } else if (path.get(0).equals("apis")) {
      group = path.get(1);
      path = path.subList(3, path.size());
    } else {
      throw new IllegalArgumentException("not a resource request: " + line);
    }
    if (path.size() > 2 && path.get(0).equals("namespaces")) {
      path = path.subList(2, path.size());
    }
    String resource = path.size() > 2 ? path.get(0) + "/" + path.get(2) : path.get(0);
    boolean named = path.size() > 1;
    String verb =
        switch (method) {
          case "GET" -> watch ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new IllegalArgumentException("unknown method in " + line);
        };
    return new Permission(group, resource, verb);
  }

  /** Everything a set of rules grants, one Permission per group × resource × verb. */
  static Set<Permission> grantedBy(List<PolicyRule> rules) {
    Set<Permission> granted = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            granted.add(new Permission(group, resource, verb));
          }
        }
      }
    }
    return granted;
  }

  @Override
  public int compareTo(Permission o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "core" : group) + "/" + resource + ":" + verb;
  }
}
