import { type PredictionInput, type PredictionRequest, predictionRequestSchema } from "@/lib/contract";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  DEFAULTS,
  MAX_IMAGES,
  MIN_IMAGES,
  SAFETY_TOLERANCES,
  type SafetyTolerance,
  wantsRandomSeed,
  withSeed,
} from "@/lib/domain";
import { ID_PATTERN, type ParentRefBody } from "@/lib/playground-api";

/**
 * The form as a person edits it. Seed and guidance stay text so a half-typed
 * or out-of-range value is shown as typed and flagged, not silently fixed.
 */
export type FormValues = {
  prompt: string;
  aspect_ratio: AspectRatio;
  num_images: number;
  seed: string;
  guidance_scale: string;
  safety_tolerance: SafetyTolerance;
};
export type FormField = keyof FormValues;
export type FieldErrors = Partial<Record<FormField, string>>;

export const DEFAULT_VALUES: FormValues = {
  prompt: "",
  aspect_ratio: DEFAULTS.aspect_ratio,
  num_images: DEFAULTS.num_images,
  seed: "",
  guidance_scale: DEFAULTS.guidance_scale.toFixed(1),
  safety_tolerance: DEFAULTS.safety_tolerance,
};

/** Short query keys, so a shared setup fits in a readable link. */
const KEYS = {
  prompt: "prompt",
  aspect_ratio: "ar",
  num_images: "n",
  seed: "seed",
  guidance_scale: "g",
  safety_tolerance: "safety",
} as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

export function valuesFromQuery(query: { get(name: string): string | null }): FormValues {
  const images = Number(query.get(KEYS.num_images));
  return {
    prompt: query.get(KEYS.prompt) ?? DEFAULT_VALUES.prompt,
    aspect_ratio: oneOf(ASPECT_RATIOS, query.get(KEYS.aspect_ratio)) ?? DEFAULT_VALUES.aspect_ratio,
    // The picker can only show 1-4, so anything else falls back to the default.
    num_images: Number.isInteger(images) && images >= MIN_IMAGES && images <= MAX_IMAGES ? images : DEFAULT_VALUES.num_images,
    seed: query.get(KEYS.seed)?.trim() ?? DEFAULT_VALUES.seed,
    guidance_scale: query.get(KEYS.guidance_scale)?.trim() || DEFAULT_VALUES.guidance_scale,
    safety_tolerance: oneOf(SAFETY_TOLERANCES, query.get(KEYS.safety_tolerance)) ?? DEFAULT_VALUES.safety_tolerance,
  };
}

/** Only what differs from the defaults, so an untouched form keeps a bare `/`. */
export function valuesToQuery(values: FormValues): URLSearchParams {
  const query = new URLSearchParams();
  for (const field of Object.keys(KEYS) as FormField[]) {
    const value = String(values[field]);
    if (value.trim() !== "" && value !== String(DEFAULT_VALUES[field])) query.set(KEYS[field], value);
  }
  return query;
}

/** The form filled from a prediction's input; the seed is the one actually used. */
export function valuesFromInput(input: Omit<PredictionInput, "seed"> & { seed?: number | null }): FormValues {
  return {
    prompt: input.prompt,
    aspect_ratio: input.aspect_ratio,
    num_images: input.num_images,
    seed: wantsRandomSeed(input.seed) ? "" : String(input.seed),
    guidance_scale: input.guidance_scale.toFixed(1),
    safety_tolerance: input.safety_tolerance,
  };
}

/** The run a form filled from a link was taken from: `from=<id>` and `via=settings|tweak`. */
export function parentFromQuery(query: { get(name: string): string | null }): ParentRefBody | null {
  const id = query.get("from");
  if (!id || !ID_PATTERN.test(id)) return null;
  return { id, kind: query.get("via") === "tweak" ? "tweak" : "settings" };
}

/** `/?prompt=...`: a link that opens the playground with these settings, made from the run `from` when given. */
export const playgroundHref = (values: FormValues, from?: ParentRefBody | null) => {
  const query = valuesToQuery(values);
  if (from) {
    query.set("from", from.id);
    if (from.kind === "tweak") query.set("via", "tweak");
  }
  const text = query.toString();
  return text ? `/?${text}` : "/";
};

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * Validates with the contract's own schema, so the form can never accept what
 * the server would reject. Every failing field gets its own message.
 */
export function validateValues(
  values: FormValues,
): { request: PredictionRequest; errors?: undefined } | { errors: FieldErrors; request?: undefined } {
  const candidate = {
    prompt: values.prompt,
    aspect_ratio: values.aspect_ratio,
    num_images: values.num_images,
    seed: values.seed.trim() === "" ? null : toNumber(values.seed),
    guidance_scale: toNumber(values.guidance_scale),
    safety_tolerance: values.safety_tolerance,
  };
  const result = predictionRequestSchema.safeParse(candidate);
  if (result.success) {
    const { seed, ...rest } = result.data;
    return { request: withSeed(rest, seed) };
  }
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as FormField | undefined;
    if (field && field in KEYS && !errors[field]) errors[field] = sentence(issue.message);
  }
  return { errors };
}

/** "seed must be ..." reads better in a form as "Seed must be ...". */
function sentence(message: string): string {
  const text = message
    .replace(/^prompt must be non-empty text$/, "Describe the image you want")
    .replace(/^num_images/, "Number of images")
    .replace(/^guidance_scale/, "Guidance scale")
    .replace(/^safety_tolerance/, "Safety tolerance")
    .replace(/^aspect_ratio/, "Aspect ratio");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A request rebuilt from a prediction's input. `seed`: the seed to ask for,
 * or null for a new random one.
 */
export function requestFromInput(input: Omit<PredictionInput, "seed">, seed: number | null): PredictionRequest {
  const { prompt, aspect_ratio, num_images, guidance_scale, safety_tolerance } = input;
  return withSeed({ prompt, aspect_ratio, num_images, guidance_scale, safety_tolerance }, seed);
}

/** Longest prompt a settings link's preview quotes; the card shows a few lines at most. */
const PREVIEW_PROMPT_CHARS = 600;

/**
 * What a settings link (`/?prompt=…`) sets, for its link preview: each field the form would
 * accept, the rest left out (a missing seed is a random one).
 */
export function settingsFromValues(values: FormValues): Partial<Omit<PredictionInput, "seed">> & { seed?: number } {
  const seed = Number(values.seed);
  const guidance = Number(values.guidance_scale);
  const checked = validateValues({ ...values, prompt: values.prompt || "-" }).errors ?? {};
  return {
    ...(values.prompt.trim() ? { prompt: values.prompt.trim().slice(0, PREVIEW_PROMPT_CHARS) } : {}),
    aspect_ratio: values.aspect_ratio,
    num_images: values.num_images,
    ...(values.seed.trim() && !checked.seed && !wantsRandomSeed(seed) ? { seed } : {}),
    guidance_scale: checked.guidance_scale ? DEFAULTS.guidance_scale : guidance,
    safety_tolerance: values.safety_tolerance,
  };
}
