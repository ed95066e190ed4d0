import type { Recipe } from "@/lib/playground-api";

/**
 * The recipe an image file carries (its EXIF ImageDescription), read in the browser. exifr and the
 * recipe's schema are loaded only when a file is opened, so the playground's first load does not carry them.
 */
export async function recipeFromFile(file: Blob): Promise<Recipe | undefined> {
  const [exifr, { readRecipe }] = await Promise.all([
    import("exifr").then((module) => module.default),
    import("@/lib/playground-api"),
  ]);
  try {
    const tags = (await exifr.parse(file, { pick: ["ImageDescription"] })) as { ImageDescription?: string } | undefined;
    return readRecipe(tags?.ImageDescription);
  } catch {
    return undefined;
  }
}
