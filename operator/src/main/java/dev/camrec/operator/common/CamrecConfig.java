package dev.camrec.operator.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The operator's own configuration ({@code camrec.*} in application.properties or env). */
@ConfigMapping(prefix = "camrec")
public interface CamrecConfig {

  Recorder recorder();

  Storage storage();

  LeaderElection leaderElection();

  /** The Lease replicas of the operator compete for, in the operator's own namespace. */
  interface LeaderElection {
    @WithDefault("camrec-operator")
    String leaseName();
  }

  /** How recorder pods are run. */
  interface Recorder {
    /** Image of recorder-sidecar. */
    @WithDefault("ghcr.io/camrec/recorder-sidecar:0.1.0")
    String image();

    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** Spool size when a Camera does not set spec.spool.sizeLimit. */
    @WithDefault("2Gi")
    String spoolSizeLimit();

    /** Time allowed after the last segment's end for its upload when the pod stops. */
    @WithDefault("30")
    int uploadGraceSeconds();

    /** Seconds without data before the recorder reconnects to the camera. */
    @WithDefault("10")
    int inputTimeoutSeconds();
  }

  /** The default storage, used by Cameras without spec.storage (or parts of it). */
  interface Storage {
    @WithDefault("http://minio.camrec.svc:9000")
    String endpoint();

    @WithDefault("us-east-1")
    String region();

    @WithDefault("camrec")
    String bucket();

    /** Secret, in each Camera's namespace, holding accessKey and secretKey. */
    @WithDefault("camrec-storage")
    String credentialsSecret();

    /** Whether the operator may create the default bucket when it is missing. */
    @WithDefault("true")
    boolean createBucket();

    /** Least time between two listings of one camera's segments. */
    @WithDefault("10s")
    Duration minPollInterval();
  }
}
