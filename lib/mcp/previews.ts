import "server-only";
import type { ImageContent } from "@modelcontextprotocol/sdk/types.js";
import sharp from "sharp";
import { MAX_INPUT_PIXELS, type PredictionRecord } from "../domain";
import type { PredictionService } from "../predictions/service";

/** Long side of a picture shown in a chat: big enough to judge, a fraction of the original's bytes. */
export const CHAT_EDGE = 1024;
/** Long side of the small pictures a list of runs may carry. */
export const LIST_EDGE = 384;

/** A JPEG of at most `edge` pixels on its long side, as MCP image content. */
export async function chatPreview(bytes: Buffer, edge = CHAT_EDGE): Promise<ImageContent> {
  const jpeg = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
    .flatten({ background: "#ffffff" })
    // Huffman tables left standard: ~10 % more bytes, ~40 % less time, and it is on the way to every answer.
    .jpeg({ quality: 82, optimiseCoding: false })
    .toBuffer();
  return { type: "image", data: jpeg.toString("base64"), mimeType: "image/jpeg" };
}

/** A PNG (labels stay sharp) of at most `edge` pixels on its long side. */
export async function pngPreview(bytes: Buffer, edge: number): Promise<ImageContent> {
  const png = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer();
  return { type: "image", data: png.toString("base64"), mimeType: "image/png" };
}

/**
 * Previews of a finished run's images, in order, with the index of each. A flagged image
 * (has_nsfw_contents) is never among them: its index is listed in `withheld` instead, for the words
 * to say why.
 */
export async function runPreviews(
  predictions: PredictionService,
  record: PredictionRecord,
  { edge = CHAT_EDGE, first = false } = {},
): Promise<{ images: ImageContent[]; indexes: number[]; withheld: number[] }> {
  if (record.status !== "completed") return { images: [], indexes: [], withheld: [] };
  const withheld = record.outputs.filter((output) => output.nsfw).map((output) => output.index);
  const shown = record.outputs.filter((output) => !output.nsfw).slice(0, first ? 1 : undefined);
  const images = await Promise.all(
    shown.map(async (output) => {
      const { blob } = await predictions.files.openOutput(record.id, output.index);
      return chatPreview(Buffer.from(await new Response(blob.body).arrayBuffer()), edge);
    }),
  );
  return { images, indexes: shown.map((output) => output.index), withheld };
}
