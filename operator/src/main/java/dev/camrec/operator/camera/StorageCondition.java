package dev.camrec.operator.camera;

import static dev.camrec.api.ConditionTypes.*;

import dev.camrec.operator.common.Conditions;
import io.fabric8.kubernetes.api.model.Condition;

/** Words what the storage answered as the Camera's StorageAvailable condition. */
final class StorageCondition {

  private StorageCondition() {}

  static Condition of(StorageObservation o) {
    String where = o.where();
    return switch (o.answer()) {
      // One reason whether or not the bucket was just created: the condition must not flip on
      // the next poll, when the bucket merely exists.
      case LISTED, LISTING_INCOMPLETE ->
          Conditions.of(
              STORAGE_AVAILABLE, TRUE, "BucketAvailable", "Segments go to " + where + ".");
      case BUCKET_NOT_FOUND ->
          Conditions.of(
              STORAGE_AVAILABLE,
              FALSE,
              "BucketNotFound",
              where + " does not exist; create it, or point spec.storage.bucket at one that does.");
      case ACCESS_DENIED, STORAGE_ERROR ->
          Conditions.of(
              STORAGE_AVAILABLE,
              FALSE,
              o.answer() == StorageObservation.Answer.ACCESS_DENIED
                  ? "AccessDenied"
                  : "StorageError",
              where
                  + " answered "
                  + o.detail()
                  + "; check the access key pair in Secret "
                  + o.storage().secretName()
                  + ".");
      case UNREACHABLE ->
          Conditions.of(
              STORAGE_AVAILABLE,
              FALSE,
              "StorageUnreachable",
              "Cannot reach "
                  + where
                  + ": "
                  + o.detail()
                  + "; check the endpoint and that the storage is up.");
      case CREDENTIALS_MISSING ->
          Conditions.of(
              STORAGE_AVAILABLE,
              UNKNOWN,
              "StorageCredentialsMissing",
              "Secret "
                  + o.detail()
                  + " with keys "
                  + o.storage().accessKeyKey()
                  + " and "
                  + o.storage().secretKeyKey()
                  + " is needed to reach the storage.");
    };
  }

  /** Why what landed is not known though the bucket answered. */
  static String listingProblem(StorageObservation o) {
    return "listing the segments in "
        + o.where()
        + " did not finish ("
        + o.detail()
        + "); the next poll goes on after the keys it got.";
  }
}
