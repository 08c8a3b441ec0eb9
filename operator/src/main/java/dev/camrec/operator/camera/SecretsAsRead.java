package dev.camrec.operator.camera;

import dev.camrec.operator.common.TrimmedCache;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Set;

/**
 * The informer cache of the Secrets in the watched namespaces, which Cameras name for camera and
 * storage credentials. It takes every Secret there, so the data of the kinds that never hold such
 * credentials is dropped: Helm keeps each release's manifests (often hundreds of KB, one per
 * revision) in Secrets, next to service-account tokens and registry credentials. Their
 * resourceVersion, which is all {@link SecretReferences#fingerprint} reads, stays; a Camera that
 * names one of them is told it lacks the key, which it does for this purpose.
 */
final class SecretsAsRead extends TrimmedCache<Secret> {

  static final Set<String> NEVER_CREDENTIALS =
      Set.of(
          "helm.sh/release.v1",
          "kubernetes.io/service-account-token",
          "kubernetes.io/dockerconfigjson",
          "kubernetes.io/dockercfg");

  SecretsAsRead() {
    super(
        secret -> {
          // Set.of(...).contains(null) throws; a Secret read without its type is kept whole.
          if (secret.getType() != null && NEVER_CREDENTIALS.contains(secret.getType())) {
            secret.setData(null);
            secret.setStringData(null);
          }
        });
  }
}
