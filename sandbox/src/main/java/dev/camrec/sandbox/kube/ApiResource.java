package dev.camrec.sandbox.kube;

import java.util.List;

/** One resource kind as discovery reports it (an entry of an APIResourceList). */
record ApiResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    boolean hasStatus) {

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The built-in kinds the operator, the pod runner and a curious user touch. */
  static List<ApiResource> builtIns() {
    return List.of(
        core("pods", "pod", "Pod", true, List.of("po"), true),
        core("services", "service", "Service", true, List.of("svc"), true),
        core("secrets", "secret", "Secret", true, List.of(), false),
        core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), false),
        core("namespaces", "namespace", "Namespace", false, List.of("ns"), true),
        core("events", "event", "Event", true, List.of("ev"), false),
        core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), false),
        core(
            "persistentvolumeclaims",
            "persistentvolumeclaim",
            "PersistentVolumeClaim",
            true,
            List.of("pvc"),
            true),
        core("endpoints", "endpoints", "Endpoints", true, List.of("ep"), false),
        new ApiResource(
            "apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), true),
        new ApiResource(
            "apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), true),
        new ApiResource(
            "apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), true),
        new ApiResource("batch", "v1", "jobs", "job", "Job", true, List.of(), true),
        new ApiResource("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"), true),
        new ApiResource(
            "coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), false),
        // Stored only (the sandbox does not enforce RBAC), so that helm install of the chart works.
        new ApiResource(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterroles",
            "clusterrole",
            "ClusterRole",
            false,
            List.of(),
            false),
        new ApiResource(
            "rbac.authorization.k8s.io",
            "v1",
            "clusterrolebindings",
            "clusterrolebinding",
            "ClusterRoleBinding",
            false,
            List.of(),
            false),
        new ApiResource(
            "rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, List.of(), false),
        new ApiResource(
            "rbac.authorization.k8s.io",
            "v1",
            "rolebindings",
            "rolebinding",
            "RoleBinding",
            true,
            List.of(),
            false),
        new ApiResource(
            "policy",
            "v1",
            "poddisruptionbudgets",
            "poddisruptionbudget",
            "PodDisruptionBudget",
            true,
            List.of("pdb"),
            true),
        new ApiResource(
            "events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), false),
        new ApiResource(
            "apiextensions.k8s.io",
            "v1",
            "customresourcedefinitions",
            "customresourcedefinition",
            "CustomResourceDefinition",
            false,
            List.of("crd", "crds"),
            true));
  }

  private static ApiResource core(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean hasStatus) {
    return new ApiResource("", "v1", plural, singular, kind, namespaced, shortNames, hasStatus);
  }
}
