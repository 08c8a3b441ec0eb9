package dev.camrec.contract.store;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** How long a store may take to answer, per use. */
public record StoreTimeouts(
    Duration connect, Duration read, Duration write, Duration call, boolean retryConnection) {

  /**
   * Moving segments and clips: a store that takes a minute to answer a PUT counts as down; the
   * caller retries and its spool or work directory holds the data meanwhile.
   */
  public static final StoreTimeouts TRANSFER =
      new StoreTimeouts(
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ZERO,
          true);

  /**
   * The operator's look at a bucket: it must not hold a reconcile thread for long, and a store that
   * is slow to list is reported as such (the listing resumes at the next poll).
   */
  public static final StoreTimeouts PROBE =
      new StoreTimeouts(
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          false);

  /** A new HTTP client with these timeouts; whoever builds it closes it. */
  public OkHttpClient httpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(connect)
        .readTimeout(read)
        .writeTimeout(write)
        .callTimeout(call)
        .retryOnConnectionFailure(retryConnection)
        .build();
  }
}
