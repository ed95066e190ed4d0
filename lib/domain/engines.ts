/** The engines a prediction can run on, and how the pages name them. */
export const ENGINE_NAMES = ["local", "wavespeed"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Honest names: the local engine is a stand-in, never FLUX. */
export const ENGINE_LABELS: Record<EngineName, string> = {
  local: "Local preview",
  wavespeed: "FLUX.1 Kontext [pro]",
};
