import "server-only";
import sharp from "sharp";
import type { PredictionRecord } from "../../domain";
import { RECIPE_MARK, type Recipe, recipeText } from "../../playground-api";

export function recipeOf(record: PredictionRecord): Recipe {
  const { prompt, seed, aspect_ratio, guidance_scale, safety_tolerance, num_images } = record.input;
  return {
    format: RECIPE_MARK,
    version: 1,
    model: record.model,
    engine: record.engine,
    id: record.id,
    prompt,
    seed,
    aspect_ratio,
    guidance_scale,
    safety_tolerance,
    num_images,
  };
}

const xml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** XMP for other tools: the prompt as the description (UTF-8), the recipe under our own namespace. */
function xmpPacket(recipe: Recipe): string {
  return [
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"`,
    ` xmlns:kontext="https://github.com/kontext-playground/ns/recipe/1.0/" xmp:CreatorTool="Kontext Playground" kontext:recipe="${xml(recipeText(recipe))}">`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(recipe.prompt)}</rdf:li></rdf:Alt></dc:description>`,
    `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
  ].join("");
}

/**
 * The image with its recipe embedded: EXIF ImageDescription (JSON in ASCII, which "Open recipe"
 * reads) and XMP. The pixels are written again by sharp: losslessly for PNG, at high quality for
 * JPEG and WebP; anything else is sent as it is.
 */
export async function withRecipe(bytes: Buffer, contentType: string, record: PredictionRecord): Promise<Buffer> {
  const recipe = recipeOf(record);
  const image = sharp(bytes)
    .keepIccProfile()
    .withExif({ IFD0: { ImageDescription: recipeText(recipe), Software: "Kontext Playground" } })
    .withXmp(xmpPacket(recipe));
  if (contentType === "image/png") return image.png().toBuffer();
  if (contentType === "image/jpeg") return image.jpeg({ quality: 95, chromaSubsampling: "4:4:4" }).toBuffer();
  if (contentType === "image/webp") return image.webp({ quality: 95 }).toBuffer();
  return bytes;
}
