/**
 * The FLUX.1 Kontext family as WaveSpeed serves it: one entry per model path. Everything that
 * names a model reads it from here: the served contract (which path takes which schema), the
 * form, prices, the budget, the OpenAPI document, snippets, exports, link previews and the MCP
 * tools. Adding a model is one entry here (and, when its body differs, a schema in
 * lib/contract.ts named by `schema`), plus its behaviour in the fake upstream.
 */

/** The models a person chooses between; every run records one (runs from before models were recorded are [pro]). */
export const MODEL_NAMES = ["pro", "max", "dev", "dev-ultra-fast"] as const;
export type ModelName = (typeof MODEL_NAMES)[number];
export const DEFAULT_MODEL = "pro" satisfies ModelName;
/** The models that take [pro]'s body (an aspect ratio, a safety tolerance), and those that take [dev]'s. */
export const KONTEXT_MODEL_NAMES = ["pro", "max"] as const satisfies readonly ModelName[];
export const DEV_MODEL_NAMES = ["dev", "dev-ultra-fast"] as const satisfies readonly ModelName[];
export type KontextModelName = (typeof KONTEXT_MODEL_NAMES)[number];
export type DevModelName = (typeof DEV_MODEL_NAMES)[number];

/** What a run does: draw from text, edit one picture, or combine several under one instruction. */
export const RUN_KINDS = ["text", "edit", "multi"] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/**
 * The two bodies the family takes: [pro] and [max] an aspect ratio and a safety tolerance;
 * [dev] a pixel `size`, `num_inference_steps`, an output format and a safety checker.
 */
export type ParameterStyle = "kontext" | "dev";

/** The request schemas of lib/contract.ts, by name, so this plain module needs no zod. */
export const REQUEST_SCHEMA_NAMES = ["kontext-text", "kontext-edit", "kontext-multi", "dev-edit", "dev-multi"] as const;
export type RequestSchemaName = (typeof REQUEST_SCHEMA_NAMES)[number];

export type ModelInfo = {
  /** As pages name it: "FLUX.1 Kontext [max]". */
  label: string;
  /** In a chip or a table cell: "[max]". */
  short: string;
  parameters: ParameterStyle;
  /** How long its tasks take against [pro]'s: what polling expects, and what the fake upstream takes. */
  relativeDuration: number;
  /** One line for the model picker. */
  blurb: string;
};

export const MODELS: Record<ModelName, ModelInfo> = {
  pro: {
    label: "FLUX.1 Kontext [pro]",
    short: "[pro]",
    parameters: "kontext",
    relativeDuration: 1,
    blurb: "Fast, strong prompt following",
  },
  max: {
    label: "FLUX.1 Kontext [max]",
    short: "[max]",
    parameters: "kontext",
    relativeDuration: 1.5,
    blurb: "Best prompt adherence and typography, twice the price",
  },
  dev: {
    label: "FLUX.1 Kontext [dev]",
    short: "[dev]",
    parameters: "dev",
    relativeDuration: 1,
    blurb: "Open weights, edits only: pixel size and steps",
  },
  "dev-ultra-fast": {
    label: "FLUX.1 Kontext [dev] ultra-fast",
    short: "[dev] ultra-fast",
    parameters: "dev",
    relativeDuration: 0.5,
    blurb: "[dev] tuned for speed, edits only",
  },
};

/** One model path: `POST /api/v3/{id}` upstream and here. */
export type ModelEntry = {
  /** The model id, which is also its path under /api/v3: "wavespeed-ai/flux-kontext-max/text-to-image". */
  id: string;
  model: ModelName;
  kind: RunKind;
  schema: RequestSchemaName;
  /** WaveSpeed's price per output image, in US dollars. */
  priceUsd: number;
};

/**
 * Prices as each model's page on WaveSpeed gives them, per output image. The [dev] multi
 * ultra-fast page says $0.025, where its edit sibling's says $0.02: each path keeps its own page's.
 */
export const MODEL_REGISTRY: readonly ModelEntry[] = [
  { id: "wavespeed-ai/flux-kontext-pro/text-to-image", model: "pro", kind: "text", schema: "kontext-text", priceUsd: 0.04 },
  { id: "wavespeed-ai/flux-kontext-pro", model: "pro", kind: "edit", schema: "kontext-edit", priceUsd: 0.04 },
  { id: "wavespeed-ai/flux-kontext-pro/multi", model: "pro", kind: "multi", schema: "kontext-multi", priceUsd: 0.04 },
  { id: "wavespeed-ai/flux-kontext-max/text-to-image", model: "max", kind: "text", schema: "kontext-text", priceUsd: 0.08 },
  { id: "wavespeed-ai/flux-kontext-max", model: "max", kind: "edit", schema: "kontext-edit", priceUsd: 0.08 },
  { id: "wavespeed-ai/flux-kontext-max/multi", model: "max", kind: "multi", schema: "kontext-multi", priceUsd: 0.08 },
  { id: "wavespeed-ai/flux-kontext-dev", model: "dev", kind: "edit", schema: "dev-edit", priceUsd: 0.025 },
  { id: "wavespeed-ai/flux-kontext-dev/multi", model: "dev", kind: "multi", schema: "dev-multi", priceUsd: 0.025 },
  { id: "wavespeed-ai/flux-kontext-dev-ultra-fast", model: "dev-ultra-fast", kind: "edit", schema: "dev-edit", priceUsd: 0.02 },
  {
    id: "wavespeed-ai/flux-kontext-dev/multi-ultra-fast",
    model: "dev-ultra-fast",
    kind: "multi",
    schema: "dev-multi",
    priceUsd: 0.025,
  },
];

/** The path a model serves a kind of run at; undefined when it does not ([dev] draws nothing from text alone). */
export const modelEntry = (model: ModelName, kind: RunKind): ModelEntry | undefined =>
  MODEL_REGISTRY.find((entry) => entry.model === model && entry.kind === kind);

/** The entry of a model id (a path under /api/v3 without its leading part). */
export const entryById = (id: string): ModelEntry | undefined => MODEL_REGISTRY.find((entry) => entry.id === id);

export const isModelName = (value: unknown): value is ModelName => MODEL_NAMES.includes(value as ModelName);

/** The kinds of run a model takes, in the form's order. */
export const kindsOf = (model: ModelName): RunKind[] => RUN_KINDS.filter((kind) => modelEntry(model, kind) !== undefined);

/** The cheapest and dearest image a model makes, over its paths. */
export function priceRange(model: ModelName): { from: number; to: number } {
  const prices = MODEL_REGISTRY.filter((entry) => entry.model === model).map((entry) => entry.priceUsd);
  return { from: Math.min(...prices), to: Math.max(...prices) };
}

/** Why a model cannot run this kind, in words a form or a 400 can show; it names the field. */
export function unservedKindMessage(model: ModelName, kind: RunKind): string {
  const served = MODEL_NAMES.filter((name) => modelEntry(name, kind)).map((name) => MODELS[name].short);
  const what = kind === "text" ? "text-to-image" : kind === "edit" ? "an edit of one picture" : "a multi-picture edit";
  const why = kind === "text" ? "edits pictures only" : `does not serve ${what}`;
  return `model must be one that serves ${what} (${served.join(" or ")}): ${MODELS[model].label} ${why}`;
}

/** The entry a run goes to: its model and its kind (an edit's, or text-to-image). Every stored run has one. */
export function entryOf(run: { model: ModelName; edit?: { kind: RunKind } | undefined }): ModelEntry {
  const kind = run.edit?.kind ?? "text";
  const entry = modelEntry(run.model, kind);
  if (!entry) throw new Error(unservedKindMessage(run.model, kind));
  return entry;
}
