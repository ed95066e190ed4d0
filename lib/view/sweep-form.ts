import {
  ASPECT_RATIOS,
  type CellState,
  cellsToRetry,
  MODEL_NAMES,
  SAFETY_TOLERANCES,
  type SweepAxisSpec,
  type SweepField,
  type SweepProgress,
  sweepProgress,
} from "@/lib/domain";
import type { SweepView } from "@/lib/playground-api";

/** One axis of the sweep form as a person edits it: text stays text until the sweep is planned. */
export type AxisDraft = {
  field: SweepField | "none";
  /** seed: random | list; guidance: list | range; prompt: alternatives | list; safety and aspect: picks. */
  mode: "list" | "random" | "range" | "alternatives";
  list: string;
  count: string;
  from: string;
  to: string;
  step: string;
  picks: string[];
};

export const EMPTY_AXIS: AxisDraft = {
  field: "none",
  mode: "list",
  list: "",
  count: "4",
  from: "2",
  to: "5",
  step: "1",
  picks: [],
};

/** The values an axis picks from, in order. */
export const PICKS = { aspect_ratio: ASPECT_RATIOS, safety_tolerance: SAFETY_TOLERANCES, model: MODEL_NAMES } as const;

/** A fresh draft for a field, with a sensible first way of giving its values. */
export function draftFor(field: AxisDraft["field"]): AxisDraft {
  switch (field) {
    case "seed":
      return { ...EMPTY_AXIS, field, mode: "random", count: "4" };
    case "guidance_scale":
      return { ...EMPTY_AXIS, field, mode: "list", list: "2, 3.5, 5" };
    case "safety_tolerance":
      return { ...EMPTY_AXIS, field, mode: "list", picks: ["1", "3", "5"] };
    case "aspect_ratio":
      return { ...EMPTY_AXIS, field, mode: "list", picks: ["16:9", "1:1", "9:16"] };
    case "model":
      return { ...EMPTY_AXIS, field, mode: "list", picks: ["pro", "max"] };
    case "prompt":
      return { ...EMPTY_AXIS, field, mode: "alternatives" };
    default:
      return EMPTY_AXIS;
  }
}

const numbers = (text: string, name: string): number[] | string => {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  const bad = tokens.find((token) => !Number.isFinite(Number(token)));
  return bad === undefined ? tokens.map(Number) : `${name}: "${bad}" is not a number`;
};

/** The axis as the API takes it; null for no axis; a message when the text cannot be read. */
export function axisSpecOf(draft: AxisDraft, name: "x" | "y"): SweepAxisSpec | null | { error: string } {
  const field = draft.field;
  if (field === "none") return null;
  if (field === "seed" && draft.mode === "random") {
    const count = Number(draft.count);
    return Number.isInteger(count) && count >= 1 ? { field, random: count } : { error: `${name}: give how many random seeds` };
  }
  if (field === "guidance_scale" && draft.mode === "range") {
    const [from, to, step] = [draft.from, draft.to, draft.step].map(Number);
    if (![from, to, step].every(Number.isFinite)) return { error: `${name}: the range needs a start, an end and a step` };
    return { field, range: { from, to, step } };
  }
  if (field === "prompt" && draft.mode === "alternatives") return { field, alternatives: true };
  if (field === "prompt")
    return {
      field,
      values: draft.list
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    };
  if (field === "safety_tolerance" || field === "aspect_ratio" || field === "model") {
    const order: readonly string[] = PICKS[field];
    return { field, values: order.filter((value) => draft.picks.includes(value)) };
  }
  const values = numbers(draft.list, name);
  return typeof values === "string" ? { error: values } : { field, values };
}

export const isAxisError = (spec: ReturnType<typeof axisSpecOf>): spec is { error: string } => spec !== null && "error" in spec;

/** A sweep's cells as the progress rule counts them. */
/** The cells Retry would run again, as the service picks them. */
export const retryCellsOf = (view: Pick<SweepView, "x" | "y" | "cells">) =>
  cellsToRetry(
    view,
    view.cells.flatMap((cell) => (cell.sweep ? [{ ...cell, ...cell.sweep }] : [])),
  );

export function progressOf(view: Pick<SweepView, "x" | "y" | "cells">): SweepProgress {
  const cells: CellState[] = view.cells.flatMap((cell) =>
    cell.sweep ? [{ x: cell.sweep.x, y: cell.sweep.y, status: cell.status, error: cell.error, createdAt: cell.createdAt }] : [],
  );
  return sweepProgress(cells, view.x.values.length, view.y?.values.length ?? 1);
}
