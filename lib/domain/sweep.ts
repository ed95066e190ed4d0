import { costUsd, type PricedRun } from "./cost";
import { maxGuidanceFor } from "./edit";
import type { EngineName } from "./engines";
import { withModel } from "./model-inputs";
import { isModelName, MODEL_NAMES, MODELS, type ModelName, modelEntry, unservedKindMessage } from "./models";
import {
  ASPECT_RATIOS,
  type AspectRatio,
  type EngineInput,
  MIN_GUIDANCE,
  SAFETY_TOLERANCES,
  type SafetyTolerance,
} from "./parameters";
import { MAX_SEED, randomSeed } from "./seed";

/**
 * Sweeps: one run per cell of an X/Y grid, each cell the base settings with one
 * or two parameters changed. Expansion is pure and shared by the form (to show
 * the grid's size and cost before anything runs) and the server (which runs it).
 */
export const SWEEP_FIELDS = ["model", "seed", "guidance_scale", "safety_tolerance", "aspect_ratio", "prompt"] as const;
export type SweepField = (typeof SWEEP_FIELDS)[number];
export type SweepValue = string | number;

/**
 * An axis as a person asks for it: a list of values, N random seeds, a guidance
 * range with a step, or the `{a|b|c}` alternatives written in the prompt.
 */
export type SweepAxisSpec = {
  field: SweepField;
  values?: SweepValue[];
  random?: number;
  range?: { from: number; to: number; step: number };
  alternatives?: boolean;
};

/** An axis with its values settled, as the grid's headers show it. */
export type SweepAxis = { field: SweepField; values: SweepValue[]; labels: string[] };

/** The base settings; the seed is null when a random one (shared by every cell) is wanted. */
export type SweepBase = Omit<EngineInput, "seed"> & { seed: number | null };

export type SweepCellPlan = { x: number; y: number; input: EngineInput };
export type SweepPlan = { base: EngineInput; x: SweepAxis; y: SweepAxis | null; cells: SweepCellPlan[]; images: number };
export type SweepProblem = { field: string; message: string };

export type SweepRecord = {
  id: string;
  engine: EngineName;
  /** The prompt as written (with its `{a|b}` groups) and the settings every cell starts from. */
  base: EngineInput;
  x: SweepAxis;
  y: SweepAxis | null;
  /** The run the sweep was started from, if any. */
  parentId: string | null;
  createdAt: string;
  cancelledAt: string | null;
};

/** A cell of a sweep, as a prediction records it. */
export type SweepCellRef = { id: string; x: number; y: number };

/** The error a cell gets when its sweep is cancelled before it was sent. */
export const SWEEP_CELL_CANCELLED = "Cancelled before it was sent: the sweep was cancelled.";

const GROUP = /\{([^{}]*\|[^{}]*)\}/g;

/** Every prompt `{a|b} and {c|d}` stands for, groups multiplying, with the chosen words as labels. */
export function promptAlternatives(prompt: string): { prompts: string[]; labels: string[] } {
  const groups = [...prompt.matchAll(GROUP)].map((match) => ({
    text: match[0],
    options: match[1].split("|").map((o) => o.trim()),
  }));
  if (groups.length === 0) return { prompts: [prompt], labels: [prompt] };
  let combos: string[][] = [[]];
  for (const group of groups) combos = combos.flatMap((combo) => group.options.map((option) => [...combo, option]));
  return {
    prompts: combos.map((combo) => {
      let index = 0;
      return prompt
        .replace(GROUP, () => combo[index++])
        .replace(/\s{2,}/g, " ")
        .trim();
    }),
    labels: combos.map((combo) => combo.join(" · ")),
  };
}

export const hasPromptAlternatives = (prompt: string) => new RegExp(GROUP.source).test(prompt);

/** The number of alternatives without building them, so a huge product is refused cheaply. */
const alternativesCount = (prompt: string) =>
  [...prompt.matchAll(GROUP)].reduce((product, match) => product * match[1].split("|").length, 1);

/** How many values an axis will have, before any is made; NaN when the spec cannot be counted. */
export function axisLength(spec: SweepAxisSpec, basePrompt: string): number {
  if (spec.field === "seed" && spec.random !== undefined) return spec.random;
  if (spec.field === "guidance_scale" && spec.range) {
    const { from, to, step } = spec.range;
    if (!(step > 0) || to < from) return Number.NaN;
    return Math.floor((to - from) / step + 1e-9) + 1;
  }
  if (spec.field === "prompt" && spec.alternatives) return alternativesCount(basePrompt);
  return new Set(spec.values ?? []).size;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function settleValues(
  spec: SweepAxisSpec,
  base: Pick<SweepBase, "prompt" | "edit" | "model">,
  pickSeed: () => number,
): SweepAxis | SweepProblem {
  const field = spec.field;
  const basePrompt = base.prompt;
  const fail = (message: string): SweepProblem => ({ field, message });
  const distinct = <T>(values: T[]) => [...new Set(values)];
  switch (field) {
    case "model": {
      const values = distinct((spec.values ?? []).map(String));
      if (values.some((value) => !isModelName(value))) return fail(`model: every value must be one of ${MODEL_NAMES.join(", ")}`);
      const kind = base.edit?.kind ?? "text";
      const unserved = (values as ModelName[]).find((model) => !modelEntry(model, kind));
      if (unserved) return fail(unservedKindMessage(unserved, kind));
      return { field, values, labels: values.map((value) => MODELS[value as ModelName].short) };
    }
    case "seed": {
      if (spec.random !== undefined) {
        if (!Number.isInteger(spec.random) || spec.random < 1) return fail("seed: the number of random seeds must be at least 1");
        const seeds = new Set<number>();
        while (seeds.size < spec.random) seeds.add(pickSeed());
        return withLabels(field, [...seeds]);
      }
      const seeds = distinct(spec.values ?? []);
      if (seeds.some((seed) => typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED))
        return fail(`seed: every seed must be an integer from 0 to ${MAX_SEED}`);
      return withLabels(field, seeds);
    }
    case "guidance_scale": {
      let values = spec.values ?? [];
      if (spec.range) {
        const count = axisLength(spec, basePrompt);
        if (Number.isNaN(count)) return fail("guidance_scale: a range needs a step above 0 and an end not below its start");
        values = Array.from({ length: count }, (_, i) => round2(spec.range!.from + i * spec.range!.step));
      }
      values = distinct(values.map((value) => (typeof value === "number" ? round2(value) : value)));
      // An edit takes the wider range its model's pages allow (lib/domain/edit.ts).
      const max = maxGuidanceFor(base);
      if (values.some((value) => typeof value !== "number" || !(value >= MIN_GUIDANCE && value <= max)))
        return fail(`guidance_scale: every value must be a number from ${MIN_GUIDANCE.toFixed(1)} to ${max.toFixed(1)}`);
      return { field, values, labels: values.map((value) => Number(value).toFixed(1)) };
    }
    case "safety_tolerance": {
      const values = distinct((spec.values ?? []).map(String));
      if (values.some((value) => !SAFETY_TOLERANCES.includes(value as SafetyTolerance)))
        return fail(`safety_tolerance: every value must be one of ${SAFETY_TOLERANCES.join(", ")}`);
      return withLabels(field, values);
    }
    case "aspect_ratio": {
      const values = distinct((spec.values ?? []).map(String));
      if (values.some((value) => !ASPECT_RATIOS.includes(value as AspectRatio)))
        return fail(`aspect_ratio: every value must be one of ${ASPECT_RATIOS.join(", ")}`);
      return withLabels(field, values);
    }
    case "prompt": {
      if (spec.alternatives) {
        if (!hasPromptAlternatives(basePrompt)) return fail("prompt: write alternatives in the prompt as {a|b|c}");
        const { prompts, labels } = promptAlternatives(basePrompt);
        if (prompts.some((prompt) => prompt === "")) return fail("prompt: an alternative leaves the prompt empty");
        return { field, values: prompts, labels };
      }
      const values = distinct((spec.values ?? []).map((value) => String(value).trim()));
      if (values.some((value) => value === "")) return fail("prompt: every prompt variant must be non-empty text");
      return withLabels(field, values);
    }
  }
}

const withLabels = (field: SweepField, values: SweepValue[]): SweepAxis => ({ field, values, labels: values.map(String) });

const isProblem = (value: SweepAxis | SweepProblem): value is SweepProblem => "message" in value;

/**
 * The grid's size against the cap, counted from the axes as asked (a range by its step, random
 * seeds by their number, `{a|b}` groups by their product), before any value is made: so an
 * over-cap sweep is refused at once, whatever its axes would have cost to build.
 */
export function cellCapProblem(
  axes: { x: SweepAxisSpec; y?: SweepAxisSpec | null },
  basePrompt: string,
  maxCells: number,
): SweepProblem | undefined {
  const cells = cellCount([axisLength(axes.x, basePrompt), axes.y ? axisLength(axes.y, basePrompt) : 1]);
  if (cells > maxCells)
    return { field: "cells", message: `The grid would have ${cellWords(cells)} cells; at most ${maxCells} are allowed` };
}

/**
 * Settles the axes and lists every cell. Refuses (with the field at fault) a
 * grid past `maxCells`, an axis without values, one field on both axes, and
 * `{a|b}` groups in a prompt that is not swept.
 */
export function planSweep(
  base: SweepBase,
  axes: { x: SweepAxisSpec; y?: SweepAxisSpec | null },
  maxCells: number,
  pickSeed: () => number = randomSeed,
): SweepPlan | SweepProblem {
  const specs = [axes.x, axes.y ?? null];
  if (axes.y && axes.y.field === axes.x.field) return { field: "y.field", message: "y: choose a different parameter than x" };
  const sweepsPrompt = specs.some((spec) => spec?.field === "prompt");
  if (!sweepsPrompt && hasPromptAlternatives(base.prompt))
    return { field: "prompt", message: "prompt: it has {a|b} alternatives; choose Prompt variants as an axis to sweep them" };

  const overCap = cellCapProblem(axes, base.prompt, maxCells);
  if (overCap) return overCap;
  const devIn = base.model === "dev" || base.model === "dev-ultra-fast" || modelAxisHasDev(specs);
  const devless = specs.find((spec) => spec && devIn && (spec.field === "aspect_ratio" || spec.field === "safety_tolerance"));
  if (devless)
    return {
      field: `${devless === axes.x ? "x" : "y"}.${devless.field}`,
      message: `${devless === axes.x ? "x" : "y"} ${devless.field}: FLUX.1 Kontext [dev] does not take it; sweep another parameter`,
    };

  const settled: SweepAxis[] = [];
  for (const [index, spec] of specs.entries()) {
    if (!spec) continue;
    const axis = settleValues(spec, base, pickSeed);
    if (isProblem(axis))
      return { field: `${index === 0 ? "x" : "y"}.${axis.field}`, message: `${index === 0 ? "x" : "y"} ${axis.message}` };
    if (axis.values.length === 0)
      return { field: index === 0 ? "x" : "y", message: `${index === 0 ? "x" : "y"}: give at least one value` };
    settled.push(axis);
  }
  const [x, y = null] = settled;
  const grid = { base: { ...base, seed: base.seed ?? pickSeed() }, x, y };
  const list: SweepCellPlan[] = [];
  for (let yi = 0; yi < (y?.values.length ?? 1); yi++) {
    for (let xi = 0; xi < x.values.length; xi++) list.push({ x: xi, y: yi, input: cellInput(grid, xi, yi) });
  }
  return { ...grid, cells: list, images: list.reduce((sum, cell) => sum + cell.input.num_images, 0) };
}

const modelAxisHasDev = (specs: Array<SweepAxisSpec | null>) =>
  specs.some((spec) => spec?.field === "model" && spec.values?.some((value) => MODELS[value as ModelName]?.parameters === "dev"));

/**
 * The settings of one cell: the base with the column's and the row's values in. A cell of another
 * model takes what that model takes of the base (lib/domain/model-inputs.ts). An edit swept over
 * aspect ratios is given each ratio instead of matching its input.
 */
export function cellInput(sweep: Pick<SweepRecord, "base" | "x" | "y">, x: number, y: number): EngineInput {
  const model = sweep.x.field === "model" ? sweep.x.values[x] : sweep.y?.field === "model" ? sweep.y.values[y] : undefined;
  const start = model === undefined ? sweep.base : withModel(sweep.base, model as ModelName);
  const input = { ...start } as Record<string, unknown>;
  input[sweep.x.field] = sweep.x.values[x];
  if (sweep.y) input[sweep.y.field] = sweep.y.values[y];
  const edit = start.edit;
  const ratioSwept = sweep.x.field === "aspect_ratio" || sweep.y?.field === "aspect_ratio";
  if (edit && ratioSwept) input.edit = { ...edit, matchInput: false };
  return input as EngineInput;
}

/** Columns × rows. */
export const gridShape = (sweep: { x: Pick<SweepAxis, "values">; y: Pick<SweepAxis, "values"> | null }) => ({
  columns: sweep.x.values.length,
  rows: sweep.y?.values.length ?? 1,
});

/**
 * The cells of a grid with axes of these lengths, counted as the grid is built: an axis with no
 * values (or one that cannot be counted, NaN, which planning refuses before expanding it) still
 * spans one row or column, so it never makes the other axis free.
 */
export const cellCount = (lengths: number[]) =>
  lengths.reduce((product, length) => product * (Number.isNaN(length) ? 1 : Math.max(1, length)), 1);

type PricedSweep = { base: PricedRun; x: Pick<SweepAxis, "field" | "values">; y: Pick<SweepAxis, "field" | "values"> | null };

/** What one cell is priced as: its model (swept or the base's) and its images, as withModel makes them. */
function pricedCell(sweep: PricedSweep, x: number, y: number): PricedRun {
  const swept = sweep.x.field === "model" ? sweep.x.values[x] : sweep.y?.field === "model" ? sweep.y.values[y] : undefined;
  const model = (swept as ModelName | undefined) ?? sweep.base.model;
  const oneImage = sweep.base.edit !== undefined && model !== sweep.base.model && MODELS[model].parameters === "kontext";
  return { model, edit: sweep.base.edit, num_images: oneImage ? 1 : sweep.base.num_images };
}

/**
 * What these cells of a sweep cost on an engine (every cell when none are named): each at the
 * price of the model it runs on, so a sweep over models is priced cell by cell. The form, the
 * confirmation, the retry and the sweep's view all price it here.
 */
export function sweepCostUsd(engine: EngineName, sweep: PricedSweep, cells?: ReadonlyArray<{ x: number; y: number }>): number {
  const { columns, rows } = gridShape(sweep);
  const all = Array.from({ length: columns * rows }, (_, at) => ({ x: at % columns, y: Math.floor(at / columns) }));
  return costUsd(
    engine,
    (cells ?? all).map((cell) => pricedCell(sweep, cell.x, cell.y)),
  );
}

/** The cells of a sweep as stored: what the cap (SWEEP_MAX_CELLS) is held against on import. */
export const sweepCells = (sweep: Pick<SweepRecord, "x" | "y">) =>
  cellCount([sweep.x.values.length, sweep.y?.values.length ?? 1]);

const cellWords = (cells: number) => (Number.isFinite(cells) ? String(cells) : "uncountably many");

export const isSweepProblem = (plan: SweepPlan | SweepProblem): plan is SweepProblem => "message" in plan;
