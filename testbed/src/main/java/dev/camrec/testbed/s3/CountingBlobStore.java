package dev.camrec.testbed.s3;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Counts the S3 requests a store serves, by operation, for tests and benchmarks that measure what a
 * client asks of the store. s3proxy calls the blob store once per request: a bucket HEAD is {@code
 * headBucket}, a ListObjectsV2 {@code list}, a GET {@code getBlob}. A forwarding store (not a proxy
 * object) because s3proxy tells the kind of store, and so its behaviour, from the class of the
 * store it forwards to.
 */
final class CountingBlobStore extends ForwardingBlobStore {

  private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();

  CountingBlobStore(BlobStore store) {
    super(store);
  }

  /** Requests served so far, by operation, sorted by name. */
  Map<String, Long> served() {
    Map<String, Long> counts = new TreeMap<>();
    byOperation.forEach((operation, count) -> counts.put(operation, count.sum()));
    return counts;
  }

  private void count(String operation) {
    byOperation.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  @Override
  public HeadBucketResponse headBucket(HeadBucketRequest request) {
    count("headBucket");
    return super.headBucket(request);
  }

  @Override
  public CreateBucketResponse createContainer(CreateBucketRequest request) {
    count("createBucket");
    return super.createContainer(request);
  }

  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    count("list");
    return super.list(request);
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    count("getBlob");
    return super.getBlob(request);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    count("headObject");
    return super.blobMetadata(request);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
    count("putBlob");
    return super.putBlob(request, body);
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    count("copyBlob");
    return super.copyBlob(request);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    count("removeBlob");
    return super.removeBlob(request);
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    count("initiateMultipartUpload");
    return super.initiateMultipartUpload(request);
  }

  @Override
  public UploadPartResponse uploadMultipartPart(
      MultipartUpload upload, UploadPartRequest request, InputStream body) {
    count("uploadPart");
    return super.uploadMultipartPart(upload, request, body);
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(
      MultipartUpload upload, CompleteMultipartUploadRequest request) {
    count("completeMultipartUpload");
    return super.completeMultipartUpload(upload, request);
  }
}
