package dev.camrec.contract.store;

import io.minio.MinioClient;
import okhttp3.OkHttpClient;

/**
 * A MinIO client for one store and the HTTP client under it, closed together. The MinIO client
 * closes only an HTTP client it made itself, so one given to it would otherwise keep its threads
 * and connections after close.
 */
public final class StoreConnection implements AutoCloseable {

  private final StoreSettings settings;
  private final OkHttpClient http;
  private final MinioClient client;
  private final boolean ownsHttp;

  private StoreConnection(StoreSettings settings, OkHttpClient http, boolean ownsHttp) {
    this.settings = settings;
    this.http = http;
    this.ownsHttp = ownsHttp;
    this.client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .region(settings.region())
            .credentials(settings.accessKey(), settings.secretKey())
            .httpClient(http)
            .build();
  }

  /** A connection with its own HTTP client, closed with it. */
  public static StoreConnection open(StoreSettings settings, StoreTimeouts timeouts) {
    return new StoreConnection(settings, timeouts.httpClient(), true);
  }

  /**
   * A connection over an HTTP client shared with others (one pool for many stores or key pairs);
   * closing it leaves the HTTP client to its owner.
   */
  public static StoreConnection sharing(StoreSettings settings, OkHttpClient http) {
    return new StoreConnection(settings, http, false);
  }

  public StoreSettings settings() {
    return settings;
  }

  public String bucket() {
    return settings.bucket();
  }

  public MinioClient client() {
    return client;
  }

  public OkHttpClient http() {
    return http;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      // Closing only releases connections; nothing is lost.
    }
    if (ownsHttp) {
      release(http);
    }
  }

  /** Stops an HTTP client's dispatcher threads and drops its idle connections. */
  public static void release(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
