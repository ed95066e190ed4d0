import { createHash } from "node:crypto";
import {
  DEFAULT_MODEL,
  ENGINE_LABELS,
  type EngineInput,
  type EngineName,
  gridShape,
  latestCells,
  MODELS,
  PIXEL_SIZES,
  type PredictionStatus,
  runLabel,
  type SweepAxis,
  type SweepBase,
  type SweepCellRef,
  sweepProgress,
} from "../domain";

/**
 * What a link-preview card shows, as data: the card is a pure function of it, so its key names one
 * drawing and a card is drawn once. Images are named by run and output, never by URL, and a flagged
 * output is never among them.
 */
export const CARD_SIZE = { width: 1200, height: 630 } as const;
/** Bumped whenever the drawing changes, so every card is drawn again. */
const DRAWING_VERSION = 2;

export type CardImage = { id: string; index: number; width: number; height: number };
export type CardSpec = {
  heading: string;
  /** A second paragraph under the heading (the prompt of a compare or a sweep). */
  caption?: string;
  facts: string[];
  /** Why the card has no pictures, when it could have had some. */
  note?: string;
  images: CardImage[];
  /** Drawn where the pictures go when there are none yet: the shape of the image a setup would make. */
  frame?: { width: number; height: number };
};

/** Whether a card is a picture (announced as a large image) or words only (a small `summary` card). */
export const isPictureCard = (spec: CardSpec) => spec.images.length > 0 || spec.frame !== undefined;

/** The parameters a card tells: an edit's pictures are not among them. */
export type CardInput = Omit<EngineInput, "edit">;

/** Just what a card needs of a run: its view or its record alike. */
export type CardRun = {
  id: string;
  engine: EngineName;
  input: CardInput;
  outputs: ReadonlyArray<{ index: number; width: number; height: number; nsfw: boolean }>;
};

const MAX_IMAGES = 4;
const FLAGGED_NOTE = "Images not shown: flagged as possibly sensitive.";

export const isFlaggedRun = (run: Pick<CardRun, "outputs">) => run.outputs.some((output) => output.nsfw);

/** The model that made it, or the local preview with the model it stood in for (a settings link names no model: the engine). */
const madeBy = (engine: EngineName, input: Partial<CardInput>) =>
  input.model ? runLabel(engine, input.model) : ENGINE_LABELS[engine];

/** The parameters as a description: what a preview shows under the title, which is the prompt. */
export function parametersLine(engine: EngineName | undefined, input: Partial<CardInput>): string {
  const ratio = input.aspect_ratio;
  const images = input.num_images;
  return [
    engine ? madeBy(engine, input) : undefined,
    ratio && `${ratio} (${PIXEL_SIZES[ratio].width} × ${PIXEL_SIZES[ratio].height})`,
    images && `${images} ${images === 1 ? "image" : "images"}`,
    input.seed === undefined ? "random seed" : `seed ${input.seed}`,
    input.guidance_scale !== undefined && `guidance ${input.guidance_scale.toFixed(1)}`,
    input.safety_tolerance && `safety ${input.safety_tolerance}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function runFacts(engine: EngineName | undefined, input: Partial<CardInput>): string[] {
  const ratio = input.aspect_ratio;
  return [
    engine ? madeBy(engine, input) : "",
    ratio ? `${ratio} · ${PIXEL_SIZES[ratio].width} × ${PIXEL_SIZES[ratio].height}` : "",
    [
      input.num_images && `${input.num_images} ${input.num_images === 1 ? "image" : "images"}`,
      input.seed === undefined ? "random seed" : `seed ${input.seed}`,
    ]
      .filter(Boolean)
      .join(" · "),
    [
      input.guidance_scale !== undefined && `guidance ${input.guidance_scale.toFixed(1)}`,
      input.safety_tolerance && `safety ${input.safety_tolerance}`,
    ]
      .filter(Boolean)
      .join(" · "),
  ].filter(Boolean);
}

const imagesOf = (run: CardRun) =>
  run.outputs
    .filter((output) => !output.nsfw)
    .map((output) => ({ id: run.id, index: output.index, width: output.width, height: output.height }));

/** A share page's card: its images (none at all when any is flagged), the prompt and the parameters. */
export function predictionCard(run: CardRun): CardSpec {
  const flagged = isFlaggedRun(run);
  return {
    heading: run.input.prompt,
    facts: runFacts(run.engine, run.input),
    images: flagged ? [] : imagesOf(run).slice(0, MAX_IMAGES),
    ...(flagged ? { note: FLAGGED_NOTE } : {}),
  };
}

/** A compare's card: the compared images that are not flagged, and how the runs differ. */
export function compareCard(items: ReadonlyArray<{ run: CardRun; index: number }>): CardSpec {
  const prompts = new Set(items.map((item) => item.run.input.prompt));
  const images = items.flatMap(({ run, index }) => {
    const output = run.outputs.find((candidate) => candidate.index === index);
    return output && !output.nsfw ? [{ id: run.id, index, width: output.width, height: output.height }] : [];
  });
  return {
    heading: `Compare ${items.length} images`,
    caption: prompts.size === 1 ? [...prompts][0] : `${prompts.size} prompts`,
    facts: items
      .slice(0, MAX_IMAGES)
      .map(
        ({ run }, position) =>
          `${position + 1}: seed ${run.input.seed} · guidance ${run.input.guidance_scale.toFixed(1)} · ${run.input.aspect_ratio}`,
      ),
    images: images.slice(0, MAX_IMAGES),
    ...(images.length < items.length ? { note: FLAGGED_NOTE } : {}),
  };
}

const FIELD_NAMES: Record<SweepAxis["field"], string> = {
  model: "model",
  seed: "seed",
  guidance_scale: "guidance",
  safety_tolerance: "safety",
  aspect_ratio: "aspect ratio",
  prompt: "prompt",
};

type SweepLike = { engine: EngineName; base: Omit<SweepBase, "edit">; x: SweepAxis; y: SweepAxis | null };
type SweepCell = CardRun & { status: PredictionStatus; error: string; createdAt: string; sweep: SweepCellRef | null };

/**
 * A sweep's card from its runs (records or views alike): the newest run of each cell, in grid
 * order; `done` once every cell has ended, when the card no longer changes.
 */
export function sweepCardOf(sweep: SweepLike, cells: SweepCell[]): { spec: CardSpec; done: boolean } {
  const states = cells.flatMap((cell) =>
    cell.sweep
      ? [{ x: cell.sweep.x, y: cell.sweep.y, status: cell.status, error: cell.error, createdAt: cell.createdAt, cell }]
      : [],
  );
  const { columns, rows } = gridShape(sweep);
  const shown = [...latestCells(states).values()]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((state) => state.cell)
    .filter((cell) => cell.status === "completed");
  return { spec: sweepCard(sweep, shown), done: sweepProgress(states, columns, rows).done };
}

/** A sweep's card: the first images of its first finished cells, its axes and its base settings. */
function sweepCard(sweep: SweepLike, cells: CardRun[]): CardSpec {
  const images = cells.flatMap((cell) => imagesOf(cell).slice(0, 1));
  const flagged = cells.some(isFlaggedRun);
  const axes = sweep.y ? `${FIELD_NAMES[sweep.x.field]} × ${FIELD_NAMES[sweep.y.field]}` : FIELD_NAMES[sweep.x.field];
  return {
    heading: `Sweep over ${axes}`,
    caption: sweep.base.prompt,
    facts: [
      `${sweep.x.values.length} × ${sweep.y?.values.length ?? 1} grid`,
      ...runFacts(sweep.engine, { ...sweep.base, seed: sweep.base.seed ?? undefined }).slice(0, 3),
    ],
    images: images.slice(0, MAX_IMAGES),
    ...(flagged ? { note: "Flagged images are left out." } : {}),
  };
}

/** A settings link's card (`/?prompt=…`): a setup to try, nothing made yet. */
export function settingsCard(input: Partial<CardInput>): CardSpec {
  const size = PIXEL_SIZES[input.aspect_ratio ?? "1:1"];
  return {
    heading: input.prompt?.trim() || `A setup for ${MODELS[input.model ?? DEFAULT_MODEL].label}`,
    facts: ["A setup to try", ...runFacts(undefined, input)],
    images: [],
    frame: { width: size.width, height: size.height },
  };
}

/** Names one drawing: the same spec, the same key, the same stored card. */
export const cardKey = (spec: CardSpec) =>
  createHash("sha256")
    .update(JSON.stringify([DRAWING_VERSION, spec]))
    .digest("base64url")
    .slice(0, 22);
