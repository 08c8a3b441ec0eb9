package dev.camrec.operator.common;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's own configuration: {@code camrec.*} keys, or their env form ({@code
 * CAMREC_RECORDER_IMAGE}). Every default is in application.properties, the one place, with why.
 */
@ConfigMapping(prefix = "camrec")
public interface CamrecConfig {

  Recorder recorder();

  Storage storage();

  LeaderElection leaderElection();

  Clip clip();

  /** How ClipRequests are cut and handed out. */
  interface Clip {
    /** Clip Jobs running at once, across namespaces: a burst must not starve the recorders. */
    int maxRunningJobs();

    /** A clip Job running longer than this is stopped and the request fails. */
    Duration jobDeadline();

    /** Work directory of a clip Job: holds the clip while it is cut; the largest clip there is. */
    String workDirSizeLimit();

    /** How long a download link lives; S3 presigned URLs live at most 7 days. */
    Duration downloadUrlValidity();

    /** A link is renewed when it has less than this left. */
    Duration downloadUrlRenewBefore();
  }

  /** The Lease replicas of the operator compete for, in the operator's own namespace. */
  interface LeaderElection {
    String leaseName();
  }

  /** How recorder pods are run. */
  interface Recorder {
    /** Image of recorder-sidecar. */
    String image();

    String imagePullPolicy();

    /**
     * Secrets (in each workload's namespace) holding the registry credentials for the recorder
     * image; none by default.
     */
    Optional<List<String>> imagePullSecrets();

    /** Spool size when a Camera does not set spec.spool.sizeLimit. */
    String spoolSizeLimit();

    /**
     * Upload allowance when a recorder pod stops: its grace period is one segment plus this, and
     * the recorder drains for that less a margin ({@link dev.camrec.contract.env.StopBudget}).
     */
    int uploadGraceSeconds();

    /** Seconds without data before the recorder reconnects to the camera. */
    int inputTimeoutSeconds();

    /**
     * How far a camera's clock may be off the recorder's: beyond it, Cameras with clock Auto are
     * keyed on the recorder's clock, and the camera's clock counts as off.
     */
    Duration clockTolerance();
  }

  /** The default storage, used by Cameras without spec.storage (or parts of it). */
  interface Storage {
    String endpoint();

    String region();

    String bucket();

    /** Secret, in each Camera's namespace, holding accessKey and secretKey. */
    String credentialsSecret();

    /** Whether the operator may create the default bucket when it is missing. */
    boolean createBucket();

    /** Least time between two listings of one camera's segments. */
    Duration minPollInterval();
  }
}
