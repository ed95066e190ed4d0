import { MODELS } from "./models";
import type { EngineInput } from "./parameters";

/**
 * Where a prediction came from: the run it was made from and what changed.
 * rerun: same settings; vary_seed: a new seed; settings: "Use settings" then edits;
 * sweep_cell: one cell of a sweep; tweak: settings taken from a compare; edit: an edit of one of its images.
 */
export const LINEAGE_KINDS = ["rerun", "vary_seed", "settings", "sweep_cell", "tweak", "edit"] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

/** The fields a change can name: the run's model and parameters, in the form's order. */
export const LINEAGE_FIELDS = [
  "model",
  "prompt",
  "aspect_ratio",
  "size",
  "num_images",
  "seed",
  "guidance_scale",
  "num_inference_steps",
  "safety_tolerance",
] as const;
export type LineageField = (typeof LINEAGE_FIELDS)[number];

export type LineageChange = { field: LineageField; from: string | number; to: string | number };

export type Lineage = {
  /** The run this one was made from; null for a sweep cell started from the form. It may since have been deleted. */
  parentId: string | null;
  kind: LineageKind;
  changes: LineageChange[];
};

/** A field's value as a change names it; undefined where the run's model does not take the field. */
function fieldValue(input: EngineInput, field: LineageField): string | number | undefined {
  const dev = MODELS[input.model].parameters === "dev";
  if (field === "size") return dev ? (input.size ?? "input's shape") : undefined;
  if (field === "aspect_ratio" && dev) return undefined;
  if (field === "safety_tolerance" && dev) return undefined;
  return input[field];
}

/**
 * Every parameter that differs between two inputs, in the form's order. A field only one of two
 * models takes is no change of its own: the change of model says it.
 */
export function inputChanges(from: EngineInput, to: EngineInput): LineageChange[] {
  return LINEAGE_FIELDS.flatMap((field) => {
    const [a, b] = [fieldValue(from, field), fieldValue(to, field)];
    return a === undefined || b === undefined || a === b ? [] : [{ field, from: a, to: b }];
  });
}

/**
 * The thread a new run joins: its parent's thread (or the parent's id, when the parent is gone),
 * else its sweep's, else a thread of its own. A thread is a root and all its descendants.
 */
export const threadFor = (run: { id: string; parentId: string | null; parentThreadId?: string; sweepId?: string }) =>
  run.parentThreadId ?? run.parentId ?? run.sweepId ?? run.id;

const KIND_LABELS: Record<LineageKind, string> = {
  rerun: "re-run",
  vary_seed: "vary seed",
  settings: "settings",
  sweep_cell: "sweep cell",
  tweak: "tweak",
  edit: "edit",
};

const FIELD_LABELS: Record<LineageField, string> = {
  model: "model",
  prompt: "prompt",
  aspect_ratio: "aspect ratio",
  size: "size",
  num_images: "images",
  seed: "seed",
  guidance_scale: "guidance",
  num_inference_steps: "steps",
  safety_tolerance: "safety",
};

export const lineageKindLabel = (kind: LineageKind) => KIND_LABELS[kind];

/** A parameter's name in running text: "guidance", "aspect ratio". */
export const fieldLabel = (field: LineageField) => FIELD_LABELS[field];

/** `#3f2a`: the first four characters of an id, as chips and chains show it. */
export const shortId = (id: string) => `#${id.slice(0, 4)}`;

const shown = (value: string | number) => {
  const text = String(value);
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
};

/** "seed 1848 → 2022", "prompt changed" (a prompt is too long for a chip). */
export function describeChange(change: LineageChange): string {
  if (change.field === "prompt") return "prompt changed";
  return `${FIELD_LABELS[change.field]} ${shown(change.from)} → ${shown(change.to)}`;
}

/** "vary seed of #3f2a · seed 1848 → 2022". */
export function describeLineage(lineage: Lineage): string {
  const origin = lineage.parentId ? `${KIND_LABELS[lineage.kind]} of ${shortId(lineage.parentId)}` : KIND_LABELS[lineage.kind];
  return [origin, ...lineage.changes.map(describeChange)].join(" · ");
}
