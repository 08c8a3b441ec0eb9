package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.api.CredentialsSecretRef;
import dev.camrec.operator.common.EffectiveStorage;
import dev.camrec.operator.common.OperatorSettings;
import dev.camrec.operator.common.Sha256;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The Secrets a Camera's recorder reads, and a fingerprint of their versions. */
public final class SecretReferences {

  private SecretReferences() {}

  /** Names (in the Camera's namespace) of the camera and storage credentials Secrets. */
  public static Set<String> namesOf(Camera camera, OperatorSettings settings) {
    if (SchemaChecks.problem(camera).isPresent()) {
      // Called by the informer's index too, where an exception would stop the informer.
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    CredentialsSecretRef source = camera.getSpec().source().credentialsSecretRef();
    if (source != null) {
      names.add(source.name());
    }
    names.add(EffectiveStorage.of(camera, settings).secretName());
    return names;
  }

  /**
   * A hash of the referenced Secrets' resourceVersions ("missing" for absent ones). Put on the pod
   * template it rolls the recorder when a Secret changes, since env from secretKeyRef is read only
   * at container start. Only versions go in, never data.
   */
  public static String fingerprint(
      Camera camera, OperatorSettings settings, Function<String, Secret> lookup) {
    Map<String, String> versions = new TreeMap<>();
    for (String name : namesOf(camera, settings)) {
      Secret secret = lookup.apply(name);
      versions.put(name, secret == null ? "missing" : secret.getMetadata().getResourceVersion());
    }
    return Sha256.hex(versions.toString(), 16);
  }
}
