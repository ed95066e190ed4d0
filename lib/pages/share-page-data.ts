import type { SharePageData } from "../playground-api";
import type { PredictionService } from "../predictions/service";
import { toSharePage } from "../predictions/wire/views";

/** Everything a share page shows, with links built on `baseUrl`; undefined when there is no such run. */
export async function loadSharePage(
  predictions: Pick<PredictionService, "find" | "family">,
  id: string,
  baseUrl: string,
): Promise<SharePageData | undefined> {
  const record = await predictions.find(id);
  if (!record) return undefined;
  return toSharePage(record, await predictions.family(record), baseUrl);
}
