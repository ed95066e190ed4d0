import { deflateSync } from "node:zlib";
import sharp from "sharp";

/** Test pictures made on the spot: real files of each type, and the hostile ones an upload must refuse. */

export const solid = (width: number, height: number, background = "#3b82f6") =>
  sharp({ create: { width, height, channels: 3, background } });

export const jpegOf = (width: number, height: number, background?: string) => solid(width, height, background).jpeg().toBuffer();
export const webpOf = (width: number, height: number, background?: string) => solid(width, height, background).webp().toBuffer();

/** Mean absolute difference per channel of two same-sized images, 0..255. */
export async function meanDiff(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i] - y[i]);
  return sum / x.length;
}

/** A two-frame GIF: red, then blue; only the first frame may be kept. */
export async function twoFrameGif(width = 40, height = 30): Promise<Buffer> {
  const frame = (r: number, b: number) => Buffer.alloc(width * height * 3, Buffer.from([r, 0, b]));
  const frames = Buffer.concat([frame(255, 0), frame(0, 255)]);
  return sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A decompression bomb: a valid PNG of `width` × `height` black pixels (1-bit grey) whose file is
 * tiny (zeros deflate to almost nothing) but whose decoded size is huge.
 */
export function pngBomb(width = 20_000, height = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, not interlaced
  const row = 1 + Math.ceil(width / 8);
  const pixels = deflateSync(Buffer.alloc(row * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Text that calls itself a PNG. */
export const textAsPng = () => Buffer.from("This is a text file with a .png name, not an image.\n".repeat(20));

/** A file just over the 20 MB limit (its content does not matter: its size is refused first). */
export const oversized = (bytes = 25 * 1024 * 1024) => Buffer.alloc(bytes, 0x41);
