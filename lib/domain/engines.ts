import { MODELS, type ModelName } from "./models";

/** The engines a prediction can run on, and how the pages name them. */
export const ENGINE_NAMES = ["local", "wavespeed"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Honest names: the local engine is a stand-in, never FLUX. */
export const ENGINE_LABELS: Record<EngineName, string> = {
  local: "Local preview",
  wavespeed: "FLUX.1 Kontext on WaveSpeed",
};

/**
 * What made a run, in words: the model on WaveSpeed, or the local preview with the model it
 * stands in for ("Local preview of FLUX.1 Kontext [max]": a sketch of what that model would be asked).
 */
export const runLabel = (engine: EngineName, model: ModelName) =>
  engine === "local" ? `${ENGINE_LABELS.local} for ${MODELS[model].label}` : MODELS[model].label;
