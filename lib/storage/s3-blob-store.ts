import "server-only";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { BlobInfo, BlobStore, StoredBlob } from "./blob-store";

export type S3BlobStoreConfig = {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  forcePathStyle: boolean;
  /** Put in front of every key, so several stores (images, thumbnails) share one bucket. */
  keyPrefix: string;
};

/**
 * BlobStore on any S3-compatible server. Keys are today's disk layout under `keyPrefix`.
 * The bucket need not be public: the app serves the bytes itself.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly config: S3BlobStoreConfig) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // S3-compatible servers (Swift's s3api among them) refuse the SDK's default aws-chunked
      // uploads with trailing checksums; checksums only where the API requires them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    // One PUT is atomic on S3: a reader sees the old object or the new one, never a part.
    await this.client.send(
      new PutObjectCommand({ Bucket: this.config.bucket, Key: this.key(key), Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      if (!object.Body) return undefined;
      return {
        size: object.ContentLength ?? 0,
        contentType: object.ContentType ?? "application/octet-stream",
        body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async head(key: string): Promise<BlobInfo | undefined> {
    try {
      const object = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      return { size: object.ContentLength ?? 0, contentType: object.ContentType ?? "application/octet-stream" };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.keysUnder(`${this.key(prefix)}/`);
    // Key by key: a batch DeleteObjects needs a Content-MD5 that some S3-compatible servers insist on.
    await Promise.all(keys.map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key }))));
  }

  async listPrefixes(): Promise<string[]> {
    const prefixes: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.config.bucket,
          Prefix: this.config.keyPrefix,
          Delimiter: "/",
          ContinuationToken: token,
        }),
      );
      for (const { Prefix } of page.CommonPrefixes ?? []) {
        if (Prefix) prefixes.push(Prefix.slice(this.config.keyPrefix.length, -1));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return prefixes;
  }

  /** A single PutObject is all or nothing on the server: no partial object is ever left to remove. */
  async removeIncomplete(): Promise<number> {
    return 0;
  }

  private async keysUnder(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const { Key } of page.Contents ?? []) if (Key) keys.push(Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** The object key for a store key; refuses keys that could step outside the store's prefix. */
  private key(key: string): string {
    if (key.split("/").some((part) => part === "" || part === "." || part === "..")) {
      throw new Error(`storage key escapes the root: ${key}`);
    }
    return this.config.keyPrefix + key;
  }
}

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  error instanceof NotFound ||
  (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
