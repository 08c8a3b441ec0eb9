package dev.camrec.contract.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetentionEnvTest {

  @Test
  void targetZeroUsesThePlainNamesTheOthersASuffix() {
    assertThat(RetentionEnv.ofTarget(StoreEnv.S3_BUCKET, 0)).isEqualTo("CAMREC_S3_BUCKET");
    assertThat(RetentionEnv.ofTarget(StoreEnv.S3_BUCKET, 2)).isEqualTo("CAMREC_S3_BUCKET_2");
    assertThat(RetentionEnv.ofTarget(RetentionEnv.CAMERAS, 1))
        .isEqualTo("CAMREC_RETENTION_CAMERAS_1");
    assertThatThrownBy(() -> RetentionEnv.ofTarget(RetentionEnv.CAMERAS, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
