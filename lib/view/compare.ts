import { diffWords } from "diff";
import { MODELS, PIXEL_SIZES, runLabel } from "@/lib/domain";
import { ID_PATTERN, type OutputView, type PredictionView } from "@/lib/playground-api";
import { formatSeconds } from "./format";

/** At most this many images side by side. */
export const MAX_COMPARED = 4;

/** One image of a compare: a run and which of its outputs. */
export type CompareRef = { id: string; index: number };
export type CompareItem = { view: PredictionView; output: OutputView };

/** `i=<id>.<index>` values, in order, without repeats; anything malformed is dropped. */
export function parseCompareRefs(values: string[]): CompareRef[] {
  const refs: CompareRef[] = [];
  for (const value of values) {
    const match = /^(.+)\.(\d)$/.exec(value);
    if (!match || !ID_PATTERN.test(match[1])) continue;
    const ref = { id: match[1], index: Number(match[2]) };
    if (!refs.some((known) => known.id === ref.id && known.index === ref.index)) refs.push(ref);
  }
  return refs.slice(0, MAX_COMPARED);
}

export const compareQuery = (refs: CompareRef[]) =>
  refs.map((ref) => `i=${encodeURIComponent(`${ref.id}.${ref.index}`)}`).join("&");

export type PromptPart = { text: string; kind: "same" | "added" | "removed"; key: string };

/** The prompt of `other` against `reference`, word by word: what it adds, what it drops. */
export function promptDiff(reference: string, other: string): PromptPart[] {
  let offset = 0;
  return diffWords(reference, other).map((part) => {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    const key = `${offset}${kind[0]}`;
    offset += part.value.length;
    return { text: part.value, kind, key };
  });
}

export type DiffRow = { key: string; label: string; values: string[]; differs: boolean };

type Row = [key: string, label: string, read: (item: CompareItem) => string];

const isDev = (view: PredictionView) => MODELS[view.input.model].parameters === "dev";

/** What made the image: a difference here is a difference in the recipe. */
const PARAMETERS: Row[] = [
  ["model", "Model", ({ view }) => MODELS[view.input.model].label],
  ["prompt", "Prompt", ({ view }) => view.input.prompt],
  ["seed", "Seed", ({ view }) => String(view.input.seed)],
  ["guidance_scale", "Guidance scale", ({ view }) => view.input.guidance_scale.toFixed(1)],
  ["aspect_ratio", "Aspect ratio", ({ view }) => view.input.aspect_ratio],
  ["size", "Size", ({ output }) => `${output.width} × ${output.height}`],
  ["safety_tolerance", "Safety tolerance", ({ view }) => (isDev(view) ? "—" : view.input.safety_tolerance)],
  ["num_inference_steps", "Steps", ({ view }) => String(view.input.num_inference_steps ?? "—")],
  ["num_images", "Images in the run", ({ view }) => String(view.input.num_images)],
  ["engine", "Engine", ({ view }) => `${runLabel(view.engine, view.input.model)} (${view.model})`],
];

/** Facts about the run that always differ and say nothing about the recipe: shown, never flagged. */
const FACTS: Row[] = [
  ["image", "Image", ({ output, view }) => `${output.index + 1} of ${view.outputs.length}`],
  ["inference", "Inference", ({ view }) => formatSeconds(view.inferenceMs)],
  // The moment itself: pages write it in the viewer's zone (LocalTime).
  ["created", "Created", ({ view }) => view.createdAt],
];

/** Every parameter of each image, one row each, flagged where the images disagree; then the run's facts. */
export function compareRows(items: CompareItem[]): DiffRow[] {
  const rows = (list: Row[], flag: boolean) =>
    list.map(([key, label, read]) => {
      const values = items.map(read);
      return { key, label, values, differs: flag && new Set(values).size > 1 };
    });
  return [...rows(PARAMETERS, true), ...rows(FACTS, false)];
}

/** The trained size of an aspect ratio, for frames drawn before an image loads. */
export const frameSize = (item: CompareItem) => ({
  width: item.output.width || PIXEL_SIZES[item.view.input.aspect_ratio].width,
  height: item.output.height || PIXEL_SIZES[item.view.input.aspect_ratio].height,
});
