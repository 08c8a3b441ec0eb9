package dev.camrec.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart grants exactly what the operator uses. The need comes from the API requests the real
 * operator makes in its mock-server tests (operator/target/operator-api-requests.txt, written by
 * ApiRequestLog), so a controller whose tests make new requests fails here with the rules to add,
 * and a rule nothing uses any more fails as too much.
 */
@ExtendWith(SandboxApi.class)
class RbacTest {

  private static final Path REQUESTS = Path.of(System.getProperty("camrec.operator.api-requests"));

  /**
   * Leader election runs in the prod profile only, so the tests never make these requests. They are
   * what fabric8's LeaseLock does (get, create, replace the Lease) and what JOSDK's
   * LeaderElectionManager checks with a SelfSubjectRulesReview before it starts.
   */
  private static final Set<Permission> LEADER_ELECTION =
      Set.of(
          new Permission("coordination.k8s.io", "leases", "get"),
          new Permission("coordination.k8s.io", "leases", "create"),
          new Permission("coordination.k8s.io", "leases", "update"));

  private static Set<Permission> operatorNeeds;

  @BeforeAll
  static void readWhatTheOperatorAsked() throws IOException {
    assertThat(REQUESTS)
        .as(
            "written by the operator's CameraReconcilerMockServerTest; run it first, e.g."
                + " ./mvnw -B -pl helm -am verify -Dtest='CameraReconcilerMockServerTest,dev.camrec.helm.*Test'"
                + " -Dsurefire.failIfNoSpecifiedTests=false")
        .exists();
    operatorNeeds =
        Files.readAllLines(REQUESTS).stream()
            .filter(l -> !l.isBlank())
            .map(Permission::neededBy)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(operatorNeeds).as("requests in %s", REQUESTS).isNotEmpty();
  }

  @Test
  void watchingAllNamespacesTheClusterRoleGrantsExactlyWhatTheOperatorUses() {
    Chart.Rendered out = Chart.template(Chart.INSTALL_COMMAND_VALUES);

    assertExactly(Permission.grantedBy(out.one(ClusterRole.class).getRules()), operatorNeeds);
    assertExactly(leaderElectionRole(out).getRules(), LEADER_ELECTION);
  }

  @Test
  void watchingAListEachNamespaceGetsExactlyWhatTheOperatorUses() {
    Chart.Rendered out = Chart.watching("shop", "camrec");

    List<Role> roles =
        out.all(Role.class).stream()
            .filter(r -> !r.getMetadata().getName().endsWith("-leader-election"))
            .toList();
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("shop", "camrec");
    roles.forEach(r -> assertExactly(Permission.grantedBy(r.getRules()), operatorNeeds));
    assertExactly(leaderElectionRole(out).getRules(), LEADER_ELECTION);
  }

  @Test
  void requestsBecomeTheVerbsRbacChecks() {
    assertThat(Permission.neededBy("GET /api/v1/pods watch"))
        .isEqualTo(new Permission("", "pods", "watch"));
    assertThat(Permission.neededBy("GET /api/v1/namespaces/a/secrets/b"))
        .isEqualTo(new Permission("", "secrets", "get"));
    assertThat(Permission.neededBy("PATCH /apis/camrec.dev/v1alpha1/namespaces/a/cameras/b/status"))
        .isEqualTo(new Permission("camrec.dev", "cameras/status", "patch"));
    assertThat(Permission.neededBy("DELETE /apis/batch/v1/namespaces/a/jobs"))
        .isEqualTo(new Permission("batch", "jobs", "deletecollection"));
    assertThat(Permission.neededBy("GET /api/v1/namespaces/a"))
        .isEqualTo(new Permission("", "namespaces", "get"));
  }

  private static Role leaderElectionRole(Chart.Rendered out) {
    return out.all(Role.class).stream()
        .filter(r -> r.getMetadata().getName().endsWith("-leader-election"))
        .filter(r -> r.getMetadata().getNamespace().equals(Chart.NAMESPACE))
        .findFirst()
        .orElseThrow();
  }

  private static void assertExactly(List<PolicyRule> rules, Set<Permission> needed) {
    assertExactly(Permission.grantedBy(rules), needed);
  }

  private static void assertExactly(Set<Permission> granted, Set<Permission> needed) {
    Set<Permission> missing = new TreeSet<>(needed);
    missing.removeAll(granted);
    Set<Permission> unused = new TreeSet<>(granted);
    unused.removeAll(needed);
    assertThat(missing)
        .as(
            "the operator makes requests the chart does not allow: add them to camrec.operatorRules")
        .isEmpty();
    assertThat(unused)
        .as(
            "the chart grants what the operator never asks for: remove it from camrec.operatorRules")
        .isEmpty();
  }
}
