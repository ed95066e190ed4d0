import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { describeBlobStoreContract } from "@/testing/contracts/blob-store";
import { S3BlobStore } from "./s3-blob-store";

const env = inject("scaleEnv");
const storeAt = (keyPrefix: string) =>
  new S3BlobStore({
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
    keyPrefix,
  });
// A fresh key prefix per store: an empty bucket as far as the store can tell.
const freshPrefix = () => `t-${randomBytes(6).toString("hex")}/`;

describeBlobStoreContract("S3 (Swift s3api)", async () => ({ store: storeAt(freshPrefix()) }));

describe("S3BlobStore", () => {
  it("keeps today's keys under its prefix, so images and thumbnails can share one bucket", async () => {
    const prefix = freshPrefix();
    const images = storeAt(`${prefix}images/`);
    const thumbs = storeAt(`${prefix}thumbs/`);
    await images.put("abc/0.jpg", Buffer.from("original"), "image/jpeg");
    await thumbs.put("abc/0.webp", Buffer.from("thumb"), "image/webp");
    expect(await images.listPrefixes()).toEqual(["abc"]);
    await thumbs.deletePrefix("abc");
    expect(await images.head("abc/0.jpg")).toEqual({ size: 8, contentType: "image/jpeg" });
    expect(await thumbs.head("abc/0.webp")).toBeUndefined();
  });

  it("refuses a key that could step outside its prefix", async () => {
    await expect(storeAt(freshPrefix()).put("../escape.jpg", Buffer.from("x"), "image/jpeg")).rejects.toThrow(/escapes/);
  });
});
