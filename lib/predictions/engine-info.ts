import "server-only";
import { PRICE_PER_IMAGE_USD } from "../contract";
import { getEnv } from "../env";
import { getPredictions } from ".";

export type EngineInfo = { engine: "local" | "wavespeed"; model: string; pricePerImageUsd: number };

/** What the pages need to know about the engine; nothing secret. */
export function getEngineInfo(): EngineInfo {
  const engine = getEnv().KONTEXT_ENGINE;
  return {
    engine,
    model: getPredictions().engine.model,
    pricePerImageUsd: engine === "wavespeed" ? PRICE_PER_IMAGE_USD : 0,
  };
}
