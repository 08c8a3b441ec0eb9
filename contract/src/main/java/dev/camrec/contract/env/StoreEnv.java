package dev.camrec.contract.env;

/** Where every command of the recorder image stores and reads objects: one S3 bucket. */
public final class StoreEnv {
  /** S3 endpoint, e.g. http://minio.camrec:9000. */
  public static final String S3_ENDPOINT = "CAMREC_S3_ENDPOINT";

  public static final String S3_REGION = "CAMREC_S3_REGION";
  public static final String S3_BUCKET = "CAMREC_S3_BUCKET";

  /** S3 access key; injected from the storage Secret. */
  public static final String S3_ACCESS_KEY = "CAMREC_S3_ACCESS_KEY";

  /** S3 secret key; injected from the storage Secret. */
  public static final String S3_SECRET_KEY = "CAMREC_S3_SECRET_KEY";

  public static final String DEFAULT_REGION = "us-east-1";

  private StoreEnv() {}
}
