import { inject } from "vitest";
import { S3BlobStore } from "@/lib/storage/s3-blob-store";

/** A store in the scale project's bucket, under `keyPrefix`: a fresh prefix is an empty bucket as far as it can tell. */
export function scaleS3Store(keyPrefix: string): S3BlobStore {
  const env = inject("scaleEnv");
  return new S3BlobStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
    keyPrefix,
  });
}
