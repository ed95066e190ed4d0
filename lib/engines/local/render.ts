import sharp from "sharp";
import { type EngineInput, PIXEL_SIZES } from "../../domain";
import { rngFor } from "./prng";
import { renderEdit } from "./render-edit";
import { describeScene } from "./scene";
import { sceneToSvg } from "./svg";

export const JPEG_QUALITY = 88;

/** The SVG for one image of a request; pure, so tests and benchmarks can inspect it. */
export function buildSvg(input: EngineInput, index: number): string {
  const { width, height } = PIXEL_SIZES[input.aspect_ratio];
  const rng = rngFor(input.prompt, input.seed, index);
  return sceneToSvg(describeScene(input.prompt, rng), rng, width, height);
}

/**
 * One JPEG at exactly the contract's pixel size; same input and index (and input images), same
 * bytes. An edit changes its input images (render-edit.ts); anything else is drawn from the prompt.
 */
export async function renderImage(input: EngineInput, index: number, images: Buffer[] = []): Promise<Buffer> {
  if (input.edit) return renderEdit(input, index, images);
  const { width, height } = PIXEL_SIZES[input.aspect_ratio];
  return sharp(Buffer.from(buildSvg(input, index)), { density: 72 })
    .resize(width, height, { fit: "fill" })
    .flatten({ background: "#000000" })
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: false, chromaSubsampling: "4:2:0" })
    .toBuffer();
}
