package dev.camrec.sandbox.pods;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a container's env the way the kubelet does before it starts a container. */
final class ContainerEnvironment {

  /** What the kubelet reports as CreateContainerConfigError: the container cannot be configured. */
  static final class ConfigError extends Exception {
    ConfigError(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;

  ContainerEnvironment(KubernetesClient client) {
    this.client = client;
  }

  /** Name to value, in declaration order; secret values are decoded, never logged. */
  Map<String, String> resolve(String namespace, List<EnvVar> env) throws ConfigError {
    Map<String, String> resolved = new LinkedHashMap<>();
    for (EnvVar var : env == null ? List.<EnvVar>of() : env) {
      if (var.getValueFrom() == null) {
        resolved.put(var.getName(), var.getValue() == null ? "" : var.getValue());
      } else if (var.getValueFrom().getSecretKeyRef() != null) {
        String value = fromSecret(namespace, var.getValueFrom().getSecretKeyRef());
        if (value != null) {
          resolved.put(var.getName(), value);
        }
      } else {
        throw new ConfigError(
            "env " + var.getName() + ": only value and secretKeyRef are supported by the sandbox");
      }
    }
    return resolved;
  }

  private String fromSecret(String namespace, SecretKeySelector ref) throws ConfigError {
    boolean optional = Boolean.TRUE.equals(ref.getOptional());
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      if (optional) {
        return null;
      }
      throw new ConfigError("secret \"" + ref.getName() + "\" not found");
    }
    if (secret.getData() != null && secret.getData().containsKey(ref.getKey())) {
      return new String(
          Base64.getDecoder().decode(secret.getData().get(ref.getKey())), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(ref.getKey())) {
      return secret.getStringData().get(ref.getKey());
    }
    if (optional) {
      return null;
    }
    throw new ConfigError(
        "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
  }
}
