import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { jpegOf, oversized, pngBomb, textAsPng, twoFrameGif, webpOf } from "@/testing/images";
import { decodeInputImage } from "./decode-image";

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("decodeInputImage", () => {
  it("keeps JPEG, PNG and WebP byte for byte, described by hash, type and shape", async () => {
    const png = await sharp({ create: { width: 30, height: 20, channels: 4, background: "#ff000080" } })
      .png()
      .toBuffer();
    for (const [bytes, type] of [
      [await jpegOf(64, 48), "image/jpeg"],
      [png, "image/png"],
      [await webpOf(64, 48), "image/webp"],
    ] as const) {
      const image = await decodeInputImage(bytes, "image");
      expect(image.data.equals(bytes)).toBe(true);
      expect(image).toMatchObject({ sha256: sha(bytes), contentType: type, bytes: bytes.length });
    }
    expect(await decodeInputImage(png, "image")).toMatchObject({ width: 30, height: 20 });
  });

  it("makes a GIF the PNG of its first frame", async () => {
    const image = await decodeInputImage(await twoFrameGif(40, 30), "image");
    expect(image).toMatchObject({ contentType: "image/png", width: 40, height: 30 });
    const { channels } = await sharp(image.data).stats();
    expect(channels[0].mean).toBeGreaterThan(200);
    expect(channels[2].mean).toBeLessThan(50);
  });

  it("refuses what is not an image (415), and what is too large in bytes or pixels (413), naming the field", async () => {
    await expect(decodeInputImage(textAsPng(), "file")).rejects.toMatchObject({ status: 415, field: "file" });
    await expect(decodeInputImage(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image")).rejects.toMatchObject({
      status: 415,
    });
    await expect(decodeInputImage(oversized(), "images.1")).rejects.toMatchObject({ status: 413, field: "images.1" });
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1_000_000);
    const refused = decodeInputImage(bomb, "file");
    await expect(refused).rejects.toMatchObject({ status: 413, field: "file" });
    await expect(refused).rejects.toThrow("20000 × 20000 pixels; at most 40 megapixels");
  });

  it("refuses a damaged file", async () => {
    const jpeg = await jpegOf(200, 200);
    await expect(decodeInputImage(jpeg.subarray(0, jpeg.length / 2), "image")).rejects.toMatchObject({ status: 415 });
  });

  it("refuses an empty file (what the base64 `r` decodes to), which sharp throws on at once", async () => {
    await expect(decodeInputImage(Buffer.from("r", "base64"), "image")).rejects.toMatchObject({ status: 415, field: "image" });
  });
});
