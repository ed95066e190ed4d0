import "server-only";
import type { PredictionView } from "../playground-api";
import { getPredictions } from ".";
import { toView } from "./views";

/** For server components: one prediction as the pages show it. */
export function getPredictionView(id: string, baseUrl: string): PredictionView | undefined {
  const record = getPredictions().find(id);
  return record ? toView(record, baseUrl) : undefined;
}
