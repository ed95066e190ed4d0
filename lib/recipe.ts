import { z } from "zod/mini";
import { ASPECT_RATIOS, ENGINE_NAMES, SAFETY_TOLERANCES } from "./domain";

/** The mark that tells a playground recipe from any other image description. */
export const RECIPE_MARK = "kontext-playground-recipe";

/**
 * The recipe a downloaded image carries (EXIF ImageDescription, XMP too): what made it, enough to
 * make it again. "Open recipe" reads it back into the form.
 */
export const recipeSchema = z.object({
  format: z.literal(RECIPE_MARK),
  version: z.literal(1),
  model: z.string(),
  engine: z.enum(ENGINE_NAMES),
  id: z.string(),
  prompt: z.string(),
  seed: z.int(),
  aspect_ratio: z.enum(ASPECT_RATIOS),
  guidance_scale: z.number(),
  safety_tolerance: z.enum(SAFETY_TOLERANCES),
  num_images: z.int(),
});
export type Recipe = z.infer<typeof recipeSchema>;

/** JSON whose every character is ASCII, as EXIF text must be: \u escapes keep any prompt whole. */
export const recipeText = (recipe: Recipe) =>
  JSON.stringify(recipe).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** The recipe in an image's description, or undefined when it holds none. */
export function readRecipe(text: string | undefined): Recipe | undefined {
  if (!text?.includes(RECIPE_MARK)) return undefined;
  try {
    const parsed = z.safeParse(recipeSchema, JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
