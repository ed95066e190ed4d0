import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { type InputContentType, type InputImage, MAX_INPUT_BYTES, MAX_INPUT_PIXELS } from "../domain";
import { AppError } from "../errors";

/** An input image read and checked, with its bytes, not yet stored. */
export type DecodedImage = InputImage & { data: Buffer };

const STORED_AS: Record<string, InputContentType> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const notAnImage = (field: string) =>
  new AppError("unsupported_media_type", `${field} must be a JPEG, PNG, WebP or GIF image.`, field);

/**
 * Checks that bytes are one image this playground takes, within the limits: JPEG, PNG or WebP kept
 * byte for byte (so a picture keeps its hash wherever it comes from), a GIF as a PNG of its first
 * frame; at most MAX_INPUT_BYTES, and MAX_INPUT_PIXELS once decoded, which sharp's
 * limitInputPixels enforces while decoding too (a decompression bomb stops there). `field` is
 * named in every refusal.
 */
export async function decodeInputImage(bytes: Buffer, field: string): Promise<DecodedImage> {
  if (bytes.length > MAX_INPUT_BYTES)
    throw new AppError(
      "payload_too_large",
      `${field}: the image is ${megabytes(bytes.length)}; at most ${megabytes(MAX_INPUT_BYTES)} is accepted.`,
      field,
    );
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "truncated" as const };
  // The header only (no pixels decoded), without the pixel limit, so an oversized picture can be named as such.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!meta?.format || !meta.width || !meta.height || !(meta.format in STORED_AS || meta.format === "gif"))
    throw notAnImage(field);
  const height = meta.format === "gif" ? (meta.pageHeight ?? meta.height) : meta.height;
  if (meta.width * height > MAX_INPUT_PIXELS)
    throw new AppError(
      "payload_too_large",
      `${field}: the image is ${meta.width} × ${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`,
      field,
    );
  // Decoded whole (to a tiny size), so a damaged file is refused here rather than failing a run later.
  const decoded = await sharp(bytes, { ...options, pages: 1 })
    .resize(16, 16, { fit: "inside" })
    .raw()
    .toBuffer()
    .catch(() => undefined);
  if (!decoded) throw notAnImage(field);

  const data =
    meta.format === "gif"
      ? await sharp(bytes, { ...options, pages: 1 })
          .png()
          .toBuffer()
      : bytes;
  // EXIF orientations 5 to 8 turn the picture a quarter: its shape is the other way round.
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    sha256: createHash("sha256").update(data).digest("hex"),
    contentType: STORED_AS[meta.format] ?? "image/png",
    width: turned ? height : meta.width,
    height: turned ? meta.width : height,
    bytes: data.length,
    data,
  };
}
