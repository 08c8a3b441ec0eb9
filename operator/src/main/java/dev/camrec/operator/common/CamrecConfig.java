package dev.camrec.operator.common;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * The operator's own configuration: {@code camrec.*} keys, or their env form ({@code
 * CAMREC_RECORDER_IMAGE}). Every default is in application.properties, the one place, with why.
 */
@ConfigMapping(prefix = "camrec")
public interface CamrecConfig {

  Recorder recorder();

  Storage storage();

  LeaderElection leaderElection();

  /** The Lease replicas of the operator compete for, in the operator's own namespace. */
  interface LeaderElection {
    String leaseName();
  }

  /** How recorder pods are run. */
  interface Recorder {
    /** Image of recorder-sidecar. */
    String image();

    String imagePullPolicy();

    /** Spool size when a Camera does not set spec.spool.sizeLimit. */
    String spoolSizeLimit();

    /**
     * Upload allowance when a recorder pod stops: its grace period is one segment plus this, and
     * the recorder drains for that less a margin ({@link dev.camrec.contract.env.StopBudget}).
     */
    int uploadGraceSeconds();

    /** Seconds without data before the recorder reconnects to the camera. */
    int inputTimeoutSeconds();
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
