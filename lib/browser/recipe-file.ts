import { type Recipe, readRecipe } from "@/lib/playground-api";

/**
 * The recipe an image file carries (its EXIF ImageDescription), read in the browser. exifr is
 * loaded only when a file is opened, so the playground's first load does not carry it.
 */
export async function recipeFromFile(file: Blob): Promise<Recipe | undefined> {
  const exifr = (await import("exifr")).default;
  try {
    const tags = (await exifr.parse(file, { pick: ["ImageDescription"] })) as { ImageDescription?: string } | undefined;
    return readRecipe(tags?.ImageDescription);
  } catch {
    return undefined;
  }
}
