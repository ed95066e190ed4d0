import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeBlobStoreContract } from "@/testing/contracts/blob-store";
import { scaleS3Store } from "@/testing/s3";

const storeAt = scaleS3Store;
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
