import type { PredictionRecord, StoredOutput } from "@/lib/domain";
import { extensionFor } from "../../storage/content-types";

/** A readable file name: a slug of the prompt, the seed, and the image number. */
export function downloadName(
  record: Pick<PredictionRecord, "input">,
  output: Pick<StoredOutput, "index" | "contentType">,
): string {
  const slug =
    record.input.prompt
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48)
      .replace(/-+$/g, "") || "image";
  const suffix = record.input.num_images > 1 ? `-${output.index + 1}` : "";
  return `${slug}-seed${record.input.seed}${suffix}.${extensionFor(output.contentType)}`;
}
