import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { SqliteInputImageRepo } from "@/lib/db/sqlite-input-image-repo";
import { isAppError } from "@/lib/errors";
import { DiskBlobStore } from "@/lib/storage/disk-blob-store";
import { tempDir } from "@/testing/harness";
import { oversized, pngBomb, solid, textAsPng, twoFrameGif } from "@/testing/images";
import { InputImages } from "./input-images";
import { MediaUploads } from "./media-uploads";

const BASE = "http://play.test";

function uploadsIn() {
  const dir = tempDir();
  const repo = new SqliteInputImageRepo(openDatabase(path.join(dir, "db.sqlite")));
  const blobs = new DiskBlobStore(path.join(dir, "inputs"));
  const uploads = new MediaUploads({ repo, images: new InputImages({ repo, blobs }) });
  const files = () => (fs.existsSync(path.join(dir, "inputs")) ? fs.readdirSync(path.join(dir, "inputs")) : []);
  return { uploads, repo, files };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => {
      if (!isAppError(error)) throw error;
      return { status: error.status, field: error.field };
    },
  );

describe("media uploads", () => {
  it("keep a PNG from the multipart upload and from the SDK's ticket and PUT, readable at the download URL", async () => {
    const { uploads } = uploadsIn();
    const png = await solid(30, 20).png().toBuffer();
    const binary = await uploads.binary({ filename: "a.png", bytes: png }, BASE);
    expect(binary).toMatchObject({ type: "image", filename: "a.png", size: png.length });
    const id = new URL(binary.download_url).pathname.split("/")[3];
    expect((await uploads.read(id))?.equals(png)).toBe(true);

    const ticket = await uploads.ticket({ filename: "b.png", size: png.length, content_type: "image/png" }, BASE);
    const put = new URL(ticket.upload.url);
    await uploads.receive(put.pathname.split("/")[3], put.searchParams.get("token")!, png);
    expect((await uploads.read(new URL(ticket.download_url).pathname.split("/")[3]))?.equals(png)).toBe(true);
    // A ticket takes one PUT.
    await expect(refusal(uploads.receive(put.pathname.split("/")[3], put.searchParams.get("token")!, png))).resolves.toEqual({
      status: 404,
      field: "token",
    });
  });

  it("keep a GIF as the PNG of its first frame", async () => {
    const { uploads } = uploadsIn();
    const kept = await uploads.binary({ filename: "moving.gif", bytes: await twoFrameGif() }, BASE);
    const bytes = await uploads.read(new URL(kept.download_url).pathname.split("/")[3]);
    const { data, info } = await sharp(bytes!).raw().toBuffer({ resolveWithObject: true });
    expect([info.format, info.width, info.height]).toEqual(["raw", 40, 30]);
    expect([data[0], data[2]]).toEqual([255, 0]);
  });

  it("refuse text named .png (415), a 25 MB file and a 20000×20000 bomb (413), naming the field and storing nothing", async () => {
    const { uploads, files } = uploadsIn();
    expect(await refusal(uploads.binary({ filename: "note.png", bytes: textAsPng() }, BASE))).toEqual({
      status: 415,
      field: "file",
    });
    expect(await refusal(uploads.binary({ filename: "big.png", bytes: oversized() }, BASE))).toEqual({
      status: 413,
      field: "file",
    });
    expect(await refusal(uploads.binary({ filename: "bomb.png", bytes: pngBomb() }, BASE))).toEqual({
      status: 413,
      field: "file",
    });
    expect(
      await refusal(uploads.ticket({ filename: "big.png", size: 25 * 1024 * 1024, content_type: "image/png" }, BASE)),
    ).toEqual({ status: 413, field: "size" });
    expect(await refusal(uploads.ticket({ filename: "a.txt", size: 10, content_type: "text/plain" }, BASE))).toEqual({
      status: 415,
      field: "content_type",
    });

    // A ticket whose PUT brings a bomb, too many bytes or text leaves nothing, and stays open for the right file.
    const ticket = await uploads.ticket({ filename: "bomb.png", size: 100, content_type: "image/png" }, BASE);
    const put = new URL(ticket.upload.url);
    const id = put.pathname.split("/")[3];
    const token = put.searchParams.get("token")!;
    expect(await refusal(uploads.receive(id, token, pngBomb()))).toEqual({ status: 413, field: "file" });
    expect(await refusal(uploads.receive(id, token, oversized()))).toEqual({ status: 413, field: "file" });
    expect(await refusal(uploads.receive(id, token, textAsPng()))).toEqual({ status: 415, field: "file" });
    expect(await uploads.read(new URL(ticket.download_url).pathname.split("/")[3])).toBeNull();
    expect(files()).toEqual([]);
    const png = await solid(24, 24, "#3366cc").png().toBuffer();
    await uploads.receive(id, token, png);
    expect((await uploads.read(new URL(ticket.download_url).pathname.split("/")[3]))?.equals(png)).toBe(true);
    expect(await refusal(uploads.receive(id, token, png))).toEqual({ status: 404, field: "token" });
  });
});
