import { z } from "zod/mini";
import { predictionInputSchema } from "../contract";
import {
  EDIT_KINDS,
  isTerminal,
  LINEAGE_KINDS,
  MODEL_NAMES,
  MODELS,
  PREDICTION_STATUSES,
  type PredictionRecord,
  RUN_SOURCE_KINDS,
  SWEEP_FIELDS,
} from "../domain";
import { imagePath, inputPath, sharePath, sweepPath } from "../predictions/wire/views";
import type { SweepState } from "../sweeps/sweep-service";
import { gridPath } from "../sweeps/views";
import { formatSeconds } from "../view/format";

/**
 * What a tool answers about a run, as `structuredContent` (with its schema, the tool's outputSchema)
 * and as words: ids, the prompt, the parameters, links. A flagged image has no URL here: the share
 * page shows it behind a warning. What may be missing is left out rather than null: a nullable
 * string is a type list in JSON Schema, which some clients' schema dialects refuse.
 */
export const runSummarySchema = z.object({
  id: z.string(),
  status: z.enum(PREDICTION_STATUSES),
  /** Which model of the family made it (lib/domain/models.ts). */
  model: z.enum(MODEL_NAMES),
  ...predictionInputSchema.shape,
  edit: z.optional(z.object({ kind: z.enum(EDIT_KINDS), inputs: z.array(z.string()) })),
  images: z.array(
    z.object({
      index: z.int(),
      url: z.optional(z.string()),
      width: z.int(),
      height: z.int(),
      flagged: z.boolean(),
      starred: z.boolean(),
    }),
  ),
  shareUrl: z.string(),
  error: z.string(),
  note: z.string(),
  lineage: z.nullable(z.object({ parentId: z.optional(z.string()), kind: z.enum(LINEAGE_KINDS) })),
  threadId: z.string(),
  sweepId: z.optional(z.string()),
  createdAt: z.string(),
  source: z.nullable(z.object({ kind: z.enum(RUN_SOURCE_KINDS), client: z.optional(z.string()) })),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

const optional = <Key extends string>(key: Key, value: string | null | undefined) =>
  (value == null ? {} : { [key]: value }) as Partial<Record<Key, string>>;

export function summarizeRun(record: PredictionRecord, baseUrl: string): RunSummary {
  const { input } = record;
  return {
    id: record.id,
    status: record.status,
    model: input.model,
    prompt: input.prompt,
    aspect_ratio: input.aspect_ratio,
    num_images: input.num_images,
    seed: input.seed,
    guidance_scale: input.guidance_scale,
    safety_tolerance: input.safety_tolerance,
    ...(input.edit
      ? { edit: { kind: input.edit.kind, inputs: input.edit.images.map((image) => baseUrl + inputPath(image)) } }
      : {}),
    images:
      record.status === "completed"
        ? record.outputs.map((output) => ({
            index: output.index,
            ...(output.nsfw ? {} : { url: baseUrl + imagePath(output) }),
            width: output.width,
            height: output.height,
            flagged: output.nsfw,
            starred: output.starred,
          }))
        : [],
    shareUrl: baseUrl + sharePath(record.id),
    error: record.error,
    note: record.note,
    lineage: record.lineage && { ...optional("parentId", record.lineage.parentId), kind: record.lineage.kind },
    threadId: record.threadId,
    ...optional("sweepId", record.sweep?.id),
    createdAt: record.createdAt,
    source: record.source && { kind: record.source.kind, ...optional("client", record.source.client) },
  };
}

const WITHHELD =
  "was flagged as possibly unsafe (has_nsfw_contents), so it is not shown here; the share page shows it behind a warning";

/** The run in a few lines: what it is, where it stands, its links, and why an image is missing. */
export function describeRun(summary: RunSummary, record: PredictionRecord): string {
  const took = record.completedAt ? ` in ${formatSeconds(Date.parse(record.completedAt) - Date.parse(record.createdAt))}` : "";
  const kind = summary.edit ? `${summary.edit.kind === "multi" ? "Multi-image edit" : "Edit"}` : "Run";
  const lines = [
    `${kind} ${summary.id} ${summary.status}${summary.status === "completed" ? took : ""}: "${summary.prompt}"`,
    `${MODELS[summary.model].label} · seed ${summary.seed} · ${summary.aspect_ratio} · guidance ${summary.guidance_scale} · safety tolerance ${summary.safety_tolerance}`,
    `Share page: ${summary.shareUrl}`,
  ];
  if (summary.lineage?.parentId)
    lines.push(`Made from run ${summary.lineage.parentId} (${summary.lineage.kind.replace("_", " ")})`);
  if (summary.status === "failed") lines.push(`Failed: ${summary.error || "no reason given"}`);
  for (const image of summary.images) {
    const size = `${image.width}×${image.height}`;
    lines.push(image.flagged ? `Image ${image.index} (${size}) ${WITHHELD}.` : `Image ${image.index} (${size}): ${image.url}`);
  }
  if (summary.note) lines.push(`Note: ${summary.note}`);
  return lines.join("\n");
}

/** One line per run, for lists. */
export const runLine = (summary: RunSummary) =>
  `${summary.id} · ${summary.status} · ${MODELS[summary.model].short} · "${summary.prompt}" · seed ${summary.seed} · ${summary.aspect_ratio} · ${summary.shareUrl}` +
  (summary.images.some((image) => image.starred) ? " · starred" : "") +
  (summary.note ? ` · note: ${summary.note}` : "");

const axisSchema = z.object({ field: z.enum(SWEEP_FIELDS), labels: z.array(z.string()) });

export const sweepSummarySchema = z.object({
  id: z.string(),
  pageUrl: z.string(),
  gridUrl: z.string(),
  costUsd: z.number(),
  x: axisSchema,
  y: z.nullable(axisSchema),
  cells: z.array(z.object({ x: z.int(), y: z.int(), id: z.string(), status: z.enum(PREDICTION_STATUSES), seed: z.int() })),
  done: z.int(),
  total: z.int(),
});
export type SweepSummary = z.infer<typeof sweepSummarySchema>;

export function summarizeSweep({ sweep, cells }: SweepState, costUsd: number, baseUrl: string): SweepSummary {
  const shown = cells.filter((cell) => cell.sweep);
  return {
    id: sweep.id,
    pageUrl: baseUrl + sweepPath(sweep.id),
    gridUrl: baseUrl + gridPath(sweep.id),
    costUsd,
    x: { field: sweep.x.field, labels: sweep.x.labels },
    y: sweep.y && { field: sweep.y.field, labels: sweep.y.labels },
    cells: shown.map((cell) => ({ x: cell.sweep!.x, y: cell.sweep!.y, id: cell.id, status: cell.status, seed: cell.input.seed })),
    done: shown.filter((cell) => isTerminal(cell.status)).length,
    total: shown.length,
  };
}
