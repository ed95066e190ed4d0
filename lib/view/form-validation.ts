import type { AnyPredictionRequest, PredictionInput } from "@/lib/contract";
import { runRequestSchema } from "@/lib/contract";
import { DEFAULTS, MODELS, wantsRandomSeed, withSeed } from "@/lib/domain";
import { type EditState, type FieldErrors, type FormField, type FormValues, KEYS, NO_EDIT } from "./form-values";

/*
 * The form's check against the contract's own schemas (zod): apart from form-values, so a page loads
 * it when the form is first sent, not with its first paint.
 */

const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * Validates with the contract's own schema (the one the server parses a run's body with), so the
 * form can never accept what the server would reject. Every failing field gets its own message.
 * Only what the model takes is sent: [dev] a size and steps, [pro] and [max] a ratio and a tolerance.
 */
export function validateValues(
  values: FormValues,
  edit: EditState = NO_EDIT,
): { request: AnyPredictionRequest; errors?: undefined } | { errors: FieldErrors; request?: undefined } {
  const editing = edit.images.length > 0;
  const dev = MODELS[values.model].parameters === "dev";
  const own = dev
    ? {
        ...(values.size.trim() ? { size: values.size.trim() } : {}),
        num_inference_steps: toNumber(values.num_inference_steps),
        num_images: values.num_images,
      }
    : {
        ...(editing && edit.matchInput ? {} : { aspect_ratio: values.aspect_ratio }),
        ...(editing ? {} : { num_images: values.num_images }),
        safety_tolerance: values.safety_tolerance,
      };
  const pictures = !editing ? {} : edit.multi ? { images: edit.images } : { image: edit.images[0] };
  const result = runRequestSchema.safeParse({
    model: values.model,
    prompt: values.prompt,
    seed: values.seed.trim() === "" ? null : toNumber(values.seed),
    guidance_scale: toNumber(values.guidance_scale),
    ...own,
    ...pictures,
  });
  if (result.success) {
    const { kind: _kind, seed, ...rest } = result.data;
    return { request: withSeed(rest, seed) as AnyPredictionRequest };
  }
  return { errors: errorsOf(result.error.issues) };
}

function errorsOf(issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const first = issue.path[0];
    const field = (first === "image" ? "images" : first) as FormField | undefined;
    if (field && (field in KEYS || field === "images") && !errors[field]) errors[field] = sentence(issue.message);
  }
  return errors;
}

/** "seed must be ..." reads better in a form as "Seed must be ...". */
function sentence(message: string): string {
  const text = message
    .replace(/^prompt must be non-empty text$/, "Describe the image you want")
    .replace(/^images? must be/, "The input picture must be")
    .replace(/^num_images/, "Number of images")
    .replace(/^num_inference_steps/, "Steps")
    .replace(/^size must be a pixel size/, "Size must be a pixel size")
    .replace(/^guidance_scale/, "Guidance scale")
    .replace(/^safety_tolerance/, "Safety tolerance")
    .replace(/^aspect_ratio/, "Aspect ratio");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Longest prompt a settings link's preview quotes; the card shows a few lines at most. */
const PREVIEW_PROMPT_CHARS = 600;

/**
 * What a settings link (`/?prompt=…`) sets, for its link preview: each field the form would
 * accept, the rest left out (a missing seed is a random one).
 */
export function settingsFromValues(
  values: FormValues,
): Partial<Omit<PredictionInput, "seed">> & { seed?: number; model: FormValues["model"] } {
  const seed = Number(values.seed);
  const guidance = Number(values.guidance_scale);
  const checked = validateValues({ ...values, prompt: values.prompt || "-" }).errors ?? {};
  return {
    model: values.model,
    ...(values.prompt.trim() ? { prompt: values.prompt.trim().slice(0, PREVIEW_PROMPT_CHARS) } : {}),
    aspect_ratio: values.aspect_ratio,
    num_images: values.num_images,
    ...(values.seed.trim() && !checked.seed && !wantsRandomSeed(seed) ? { seed } : {}),
    guidance_scale: checked.guidance_scale ? DEFAULTS.guidance_scale : guidance,
    safety_tolerance: values.safety_tolerance,
  };
}
