import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { type InputContentType, type InputImage, MAX_INPUT_BYTES, MAX_INPUT_PIXELS } from "../domain";
import { AppError } from "../errors";

/** An input image read and checked, with its bytes, not yet stored. */
export type DecodedImage = InputImage & { data: Buffer };

const STORED_AS: Record<string, InputContentType> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };
/** Bytes as a person reads a file size: "20 MB", "1.5 MB". */
export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const notAnImage = (field: string) =>
  new AppError("unsupported_media_type", `${field} must be a JPEG, PNG, WebP or GIF image.`, field);

/** The refusal of a file past MAX_INPUT_BYTES, wherever it comes from (an upload, an import). */
export const tooManyBytes = (field: string, bytes: number) =>
  new AppError(
    "payload_too_large",
    `${field}: the image is ${megabytes(bytes)}; at most ${megabytes(MAX_INPUT_BYTES)} is accepted.`,
    field,
  );

/** The formats sharp names that an input picture may be. */
const INPUT_FORMATS = [...Object.keys(STORED_AS), "gif"];

/**
 * The one check of a picture's size, whatever door it comes through (an upload, an edit's image,
 * an import): at most MAX_INPUT_BYTES, one of `formats` (as sharp names them), at most
 * MAX_INPUT_PIXELS by its header, and whole: decoded (to a tiny size) with sharp's
 * limitInputPixels, so a decompression bomb stops there and a damaged file is refused here rather
 * than failing a thumbnail later. `field` is named in every refusal. Answers the header.
 */
export async function checkImage(bytes: Buffer, field: string, formats: readonly string[]): Promise<Metadata> {
  if (bytes.length > MAX_INPUT_BYTES) throw tooManyBytes(field, bytes.length);
  // The header only (no pixels decoded), without the pixel limit, so an oversized picture can be named as such.
  const meta = await orNothing(() => sharp(bytes, { limitInputPixels: false }).metadata());
  if (!meta?.format || !meta.width || !meta.height || !formats.includes(meta.format)) throw notAnImage(field);
  const height = meta.format === "gif" ? (meta.pageHeight ?? meta.height) : meta.height;
  if (meta.width * height > MAX_INPUT_PIXELS)
    throw new AppError(
      "payload_too_large",
      `${field}: the image is ${meta.width} × ${height} pixels; at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`,
      field,
    );
  const decoded = await orNothing(() =>
    sharp(bytes, { ...DECODE, pages: 1 })
      .resize(16, 16, { fit: "inside" })
      .raw()
      .toBuffer(),
  );
  if (!decoded) throw notAnImage(field);
  return meta;
}

const DECODE = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "truncated" as const };

/** sharp refuses some bytes at once (an empty buffer throws) and others later (a rejection): either is "not an image". */
const orNothing = <T>(read: () => Promise<T>): Promise<T | undefined> =>
  Promise.resolve()
    .then(read)
    .catch(() => undefined);

/**
 * Checks that bytes are one image this playground takes, within the limits (checkImage): JPEG, PNG
 * or WebP kept byte for byte (so a picture keeps its hash wherever it comes from), a GIF as a PNG
 * of its first frame.
 */
export async function decodeInputImage(bytes: Buffer, field: string): Promise<DecodedImage> {
  const meta = await checkImage(bytes, field, INPUT_FORMATS);
  const height = meta.format === "gif" ? (meta.pageHeight ?? meta.height!) : meta.height!;
  const data =
    meta.format === "gif"
      ? await sharp(bytes, { ...DECODE, pages: 1 })
          .png()
          .toBuffer()
      : bytes;
  // EXIF orientations 5 to 8 turn the picture a quarter: its shape is the other way round.
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    sha256: createHash("sha256").update(data).digest("hex"),
    contentType: STORED_AS[meta.format!] ?? "image/png",
    width: turned ? height : meta.width!,
    height: turned ? meta.width! : height,
    bytes: data.length,
    data,
  };
}
