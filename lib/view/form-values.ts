import type { AnyPredictionRequest } from "@/lib/contract";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  DEFAULT_MODEL,
  DEFAULTS,
  DEV_DEFAULTS,
  type EngineInput,
  ID_PATTERN,
  MAX_IMAGES,
  MAX_MULTI_IMAGES,
  MIN_IMAGES,
  MODEL_NAMES,
  MODELS,
  type ModelName,
  type PricedRun,
  SAFETY_TOLERANCES,
  type SafetyTolerance,
  wantsRandomSeed,
  withSeed,
} from "@/lib/domain";
import type { ParentRefBody } from "@/lib/playground-api";

/**
 * The form as a person edits it. Seed and guidance stay text so a half-typed
 * or out-of-range value is shown as typed and flagged, not silently fixed.
 */
export type FormValues = {
  /** Which of the family runs it (lib/domain/models.ts); its own parameters show beside the shared ones. */
  model: ModelName;
  prompt: string;
  aspect_ratio: AspectRatio;
  num_images: number;
  seed: string;
  guidance_scale: string;
  safety_tolerance: SafetyTolerance;
  /** [dev]: the pixel size "W*H", empty to keep the input's shape; and the number of steps, as typed. */
  size: string;
  num_inference_steps: string;
};
export type FormField = keyof FormValues | "images";
export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * The pictures an edit starts from (paths on this server or https URLs), whether the output keeps
 * their shape, and whether several are combined (multi). No pictures: text-to-image.
 */
export type EditState = { images: string[]; matchInput: boolean; multi: boolean };
export const NO_EDIT: EditState = { images: [], matchInput: true, multi: false };

export const DEFAULT_VALUES: FormValues = {
  model: DEFAULT_MODEL,
  prompt: "",
  aspect_ratio: DEFAULTS.aspect_ratio,
  num_images: DEFAULTS.num_images,
  seed: "",
  guidance_scale: DEFAULTS.guidance_scale.toFixed(1),
  safety_tolerance: DEFAULTS.safety_tolerance,
  size: "",
  num_inference_steps: String(DEV_DEFAULTS.num_inference_steps),
};

/** Short query keys, so a shared setup fits in a readable link. */
export const KEYS = {
  model: "model",
  prompt: "prompt",
  aspect_ratio: "ar",
  num_images: "n",
  seed: "seed",
  guidance_scale: "g",
  safety_tolerance: "safety",
  size: "size",
  num_inference_steps: "steps",
} as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

export function valuesFromQuery(query: { get(name: string): string | null }): FormValues {
  const images = Number(query.get(KEYS.num_images));
  return {
    model: oneOf(MODEL_NAMES, query.get(KEYS.model)) ?? DEFAULT_VALUES.model,
    prompt: query.get(KEYS.prompt) ?? DEFAULT_VALUES.prompt,
    aspect_ratio: oneOf(ASPECT_RATIOS, query.get(KEYS.aspect_ratio)) ?? DEFAULT_VALUES.aspect_ratio,
    // The picker can only show 1-4, so anything else falls back to the default.
    num_images: Number.isInteger(images) && images >= MIN_IMAGES && images <= MAX_IMAGES ? images : DEFAULT_VALUES.num_images,
    seed: query.get(KEYS.seed)?.trim() ?? DEFAULT_VALUES.seed,
    guidance_scale: query.get(KEYS.guidance_scale)?.trim() || DEFAULT_VALUES.guidance_scale,
    safety_tolerance: oneOf(SAFETY_TOLERANCES, query.get(KEYS.safety_tolerance)) ?? DEFAULT_VALUES.safety_tolerance,
    size: query.get(KEYS.size)?.trim() ?? DEFAULT_VALUES.size,
    num_inference_steps: query.get(KEYS.num_inference_steps)?.trim() || DEFAULT_VALUES.num_inference_steps,
  };
}

/** `img=` (once per picture, a path here or an https URL) and `match=0` when the output takes `ar` instead. */
export function editFromQuery(query: { getAll(name: string): string[]; get(name: string): string | null }): EditState {
  const images = query
    .getAll("img")
    .filter((ref) => (ref.startsWith("/") && !ref.startsWith("//")) || ref.startsWith("https://"))
    .slice(0, MAX_MULTI_IMAGES);
  return { images, matchInput: query.get("match") !== "0", multi: images.length > 1 };
}

/** Only what differs from the defaults, so an untouched form keeps a bare `/`. */
export function valuesToQuery(values: FormValues, edit: EditState = NO_EDIT): URLSearchParams {
  const query = new URLSearchParams();
  for (const image of edit.images) query.append("img", image);
  if (edit.images.length > 0 && !edit.matchInput) query.set("match", "0");
  for (const field of Object.keys(KEYS) as (keyof FormValues)[]) {
    const value = String(values[field]);
    if (value.trim() !== "" && value !== String(DEFAULT_VALUES[field])) query.set(KEYS[field], value);
  }
  return query;
}

/** The form filled from a prediction's input; the seed is the one actually used. */
export function valuesFromInput(input: InputValues): FormValues {
  return {
    model: input.model ?? DEFAULT_MODEL,
    prompt: input.prompt,
    aspect_ratio: input.aspect_ratio,
    num_images: input.num_images,
    seed: wantsRandomSeed(input.seed) ? "" : String(input.seed),
    guidance_scale: input.guidance_scale.toFixed(1),
    safety_tolerance: input.safety_tolerance,
    size: input.size ?? DEFAULT_VALUES.size,
    num_inference_steps: String(input.num_inference_steps ?? DEFAULT_VALUES.num_inference_steps),
  };
}

/** A run's settings as a page or a link holds them (runs and recipes from before models were recorded are [pro]). */
type InputValues = Omit<EngineInput, "model" | "seed" | "edit"> & { model?: ModelName; seed?: number | null };

/** What the form's run costs: its model's price for the kind its pictures make, per image. */
export const pricedRunOf = (values: Pick<FormValues, "model" | "num_images">, edit: EditState): PricedRun => {
  const kind = edit.images.length === 0 ? undefined : edit.multi ? "multi" : "edit";
  // [pro] and [max] make one image per edit; [dev] takes num_images on its edits too.
  const images = kind && MODELS[values.model].parameters === "kontext" ? 1 : values.num_images;
  return { model: values.model, edit: kind && { kind }, num_images: images };
};

/** The run a form filled from a link was taken from: `from=<id>` and `via=settings|tweak|edit`. */
export function parentFromQuery(query: { get(name: string): string | null }): ParentRefBody | null {
  const id = query.get("from");
  if (!id || !ID_PATTERN.test(id)) return null;
  const via = query.get("via");
  return { id, kind: via === "tweak" || via === "edit" ? via : "settings" };
}

/** `/?prompt=...`: a link that opens the playground with these settings, made from the run `from` when given. */
export const playgroundHref = (values: FormValues, from?: ParentRefBody | null, edit: EditState = NO_EDIT) => {
  const query = valuesToQuery(values, edit);
  if (from) {
    query.set("from", from.id);
    if (from.kind === "tweak" || from.kind === "edit") query.set("via", from.kind);
  }
  const text = query.toString();
  return text ? `/?${text}` : "/";
};

/**
 * A request rebuilt from a prediction's input. `seed`: the seed to ask for,
 * or null for a new random one.
 */
export function requestFromInput(input: RequestSource, seed: number | null): AnyPredictionRequest {
  const { prompt, aspect_ratio, num_images, guidance_scale, safety_tolerance, edit } = input;
  const model = input.model ?? DEFAULT_MODEL;
  if (!edit) return withSeed({ model, prompt, aspect_ratio, num_images, guidance_scale, safety_tolerance }, seed);
  // The pictures by their path here: the server reads them from its store, whatever host the page was served as.
  const paths = edit.images.map((image) => new URL(image.url, "http://localhost").pathname);
  const images = edit.kind === "multi" ? { images: paths } : { image: paths[0] };
  if (MODELS[model].parameters === "dev") {
    const { size, num_inference_steps, output_format, enable_safety_checker } = input;
    return withSeed(
      {
        model,
        prompt,
        ...(size && !edit.matchInput ? { size } : {}),
        num_images,
        guidance_scale,
        num_inference_steps,
        output_format,
        enable_safety_checker,
        ...images,
      },
      seed,
    );
  }
  return withSeed(
    { model, prompt, ...(edit.matchInput ? {} : { aspect_ratio }), guidance_scale, safety_tolerance, ...images },
    seed,
  );
}

/** A run's input as a page holds it: an edit's pictures with their URLs here. */
export type RequestSource = Omit<InputValues, "seed"> & {
  edit?: { kind: "edit" | "multi"; matchInput: boolean; images: { url: string }[] };
};

/** The edit a run's input makes (its pictures by path), to refill the form with. */
export function editFromInput(input: RequestSource): EditState {
  if (!input.edit) return NO_EDIT;
  const images = input.edit.images.map((image) => new URL(image.url, "http://localhost").pathname);
  return { images, matchInput: input.edit.matchInput, multi: input.edit.kind === "multi" };
}

/** `/?img=…&from=…&via=edit`: the playground's form in edit mode with one picture of a run as its input. */
export const editHref = (runId: string, imageUrl: string) =>
  playgroundHref(
    DEFAULT_VALUES,
    { id: runId, kind: "edit" },
    { ...NO_EDIT, images: [new URL(imageUrl, "http://localhost").pathname] },
  );
