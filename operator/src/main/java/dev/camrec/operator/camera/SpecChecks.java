package dev.camrec.operator.camera;

import dev.camrec.api.Camera;
import dev.camrec.api.CredentialsSecretRef;
import dev.camrec.operator.camera.CameraStatusAggregator.SpecProblem;
import dev.camrec.operator.common.EffectiveStorage;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks the schema cannot make (that the referenced Secrets exist and hold the named keys), and
 * the name length the schema checks, for Cameras created before the CRD had that rule. Each problem
 * becomes a condition message; nothing here throws, so a bad spec never loops on retries.
 */
public final class SpecChecks {

  private SpecChecks() {}

  public static List<SpecProblem> check(
      Camera camera, EffectiveStorage storage, Function<String, Secret> secrets) {
    List<SpecProblem> problems = new ArrayList<>();
    String ns = camera.getMetadata().getNamespace();
    if (!nameFits(camera)) {
      problems.add(
          new SpecProblem(
              "NameTooLong",
              "The name "
                  + camera.getMetadata().getName()
                  + " has "
                  + camera.getMetadata().getName().length()
                  + " characters; at most "
                  + Camera.MAX_NAME_LENGTH
                  + " fit in the recorder pod's name (its hostname, at most"
                  + " 63), so no recorder runs. Create the Camera again under a shorter name."));
    }
    SourceUrlCheck.problem(camera).ifPresent(problems::add);
    CredentialsSecretRef source = camera.getSpec().source().credentialsSecretRef();
    if (source != null) {
      checkSecret(
          problems,
          ns,
          secrets.apply(source.name()),
          source.name(),
          "spec.source.credentialsSecretRef",
          source.usernameKey(),
          source.passwordKey());
    }
    checkSecret(
        problems,
        ns,
        secrets.apply(storage.secretName()),
        storage.secretName(),
        camera.getSpec().storage() != null
                && camera.getSpec().storage().credentialsSecretRef() != null
            ? "spec.storage.credentialsSecretRef"
            : "the operator's default storage (camrec.storage.credentials-secret)",
        storage.accessKeyKey(),
        storage.secretKeyKey());
    return problems;
  }

  /** Whether the names derived from the Camera's (recorder Deployment, pod, labels) stay valid. */
  public static boolean nameFits(Camera camera) {
    return camera.getMetadata().getName().length() <= Camera.MAX_NAME_LENGTH;
  }

  private static void checkSecret(
      List<SpecProblem> problems,
      String ns,
      Secret secret,
      String name,
      String from,
      String... keys) {
    if (secret == null) {
      problems.add(
          new SpecProblem(
              "SecretNotFound",
              "Secret "
                  + ns
                  + "/"
                  + name
                  + " named by "
                  + from
                  + " does not exist; create it with keys "
                  + String.join(" and ", keys)
                  + "."));
      return;
    }
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, String> stringData =
        secret.getStringData() == null ? Map.of() : secret.getStringData();
    for (String key : keys) {
      if (!data.containsKey(key) && !stringData.containsKey(key)) {
        problems.add(
            new SpecProblem(
                "SecretKeyNotFound",
                "Secret " + ns + "/" + name + " named by " + from + " has no key " + key + "."));
      }
    }
  }
}
