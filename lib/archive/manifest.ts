import "server-only";
import { z } from "zod";
import { predictionRequestSchema } from "../contract";
import {
  ASPECT_RATIOS,
  DEFAULT_MODEL,
  EDIT_KINDS,
  ENGINE_NAMES,
  INPUT_CONTENT_TYPES,
  LINEAGE_FIELDS,
  LINEAGE_KINDS,
  MAX_CLIENT_NAME_CHARS,
  MAX_EDIT_GUIDANCE,
  MAX_GUIDANCE,
  MAX_IMAGES,
  MAX_INPUT_BYTES,
  MAX_MULTI_IMAGES,
  MAX_NOTE_CHARS,
  MAX_PROMPT_CHARS,
  MAX_SEED,
  MAX_STEPS,
  MIN_GUIDANCE,
  MIN_STEPS,
  MODEL_NAMES,
  MODELS,
  type ModelName,
  modelEntry,
  OUTPUT_FORMATS,
  parseSize,
  promptLength,
  RUN_SOURCE_KINDS,
  SAFETY_TOLERANCES,
  SWEEP_FIELDS,
} from "../domain";
import { ID_PATTERN } from "../playground-api";
import { IMAGE_EXTENSIONS } from "../storage/content-types";
import type { TimeSlices } from "./time-slices";

/**
 * `manifest.json` of an export, version 2: every finished run with its parameters, lineage,
 * note and stars, the sweeps they belong to, and for each image the file in the zip, its
 * size and its SHA-256; the input pictures of edits once each, named by their SHA-256, and
 * each edit's list of them. Version 1 (before edits) is read too, as a version 2 without edits.
 */
export const MANIFEST_FORMAT = "kontext-playground-export";
export const MANIFEST_VERSION = 2;
export const MANIFEST_NAME = "manifest.json";

/** Where an image sits in the zip. */
export const imageEntryName = (id: string, index: number, extension: string) => `images/${id}/${index}.${extension}`;
export const IMAGE_ENTRY = /^images\/([A-Za-z0-9_-]{1,64})\/([0-3])\.(jpg|png|webp|gif|avif)$/;
/** Where an input picture sits in the zip: by its content. */
export const inputEntryName = (fileName: string) => `inputs/${fileName}`;
export const INPUT_ENTRY = /^inputs\/([0-9a-f]{64})\.(jpg|png|webp)$/;

const id = z.string().regex(ID_PATTERN, "must be an id of letters, digits, - and _");
const timestamp = z.iso.datetime({ offset: true });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Text a run or sweep carries beside its prompt (a lineage change, an axis value or label): no longer than a prompt. */
const shortText = z
  .string()
  .refine((text) => promptLength(text) <= MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`);

const textInputSchema = z.object({
  // The submit's own rule: visible text of at most MAX_PROMPT_CHARS.
  prompt: predictionRequestSchema.shape.prompt,
  aspect_ratio: z.enum(ASPECT_RATIOS),
  num_images: z.int().min(1).max(MAX_IMAGES),
  seed: z.int().min(0).max(MAX_SEED),
  guidance_scale: z.number().min(MIN_GUIDANCE).max(MAX_GUIDANCE),
  safety_tolerance: z.enum(SAFETY_TOLERANCES),
  // The model of the family (a file from before models were recorded: [pro]), and [dev]'s own fields.
  model: z.enum(MODEL_NAMES).default(DEFAULT_MODEL),
  size: z
    .string()
    .refine((size) => parseSize(size) !== undefined, "must be a pixel size W*H")
    .optional(),
  num_inference_steps: z.int().min(MIN_STEPS).max(MAX_STEPS).optional(),
  output_format: z.enum(OUTPUT_FORMATS).optional(),
  enable_safety_checker: z.boolean().optional(),
});

/** [pro] and [max] make one image per edit; [dev] takes num_images on its edits too. */
const oneImagePerKontextEdit = (input: { model: ModelName; num_images: number }) =>
  MODELS[input.model].parameters === "dev" || input.num_images === 1;

/**
 * A run's input: an edit names its pictures by hash (listed once each in `inputs`) and takes the
 * edit's guidance range; text-to-image is a model that draws from text ([dev] does not).
 */
const inputSchema = z.union([
  textInputSchema.strict().refine((input) => modelEntry(input.model, "text") !== undefined, {
    message: "model must be one that serves text-to-image",
    path: ["model"],
  }),
  textInputSchema
    .extend({
      guidance_scale: z.number().min(MIN_GUIDANCE).max(MAX_EDIT_GUIDANCE),
      edit: z.object({ kind: z.enum(EDIT_KINDS), matchInput: z.boolean(), images: z.array(sha256).min(1).max(MAX_MULTI_IMAGES) }),
    })
    .refine(oneImagePerKontextEdit, { message: "must be 1 for an edit of this model", path: ["num_images"] }),
]);

const inputImageSchema = z.object({
  sha256,
  file: z.string().regex(INPUT_ENTRY, "must be inputs/<sha256>.<jpg|png|webp>"),
  contentType: z.enum(INPUT_CONTENT_TYPES),
  width: z.int().positive(),
  height: z.int().positive(),
  bytes: z.int().positive().max(MAX_INPUT_BYTES),
});

const outputSchema = z.object({
  index: z
    .int()
    .min(0)
    .max(MAX_IMAGES - 1),
  file: z.string().regex(IMAGE_ENTRY, "must be images/<id>/<index>.<jpg|png|webp|gif|avif>"),
  contentType: z.enum(Object.keys(IMAGE_EXTENSIONS) as [string, ...string[]]),
  width: z.int().positive(),
  height: z.int().positive(),
  bytes: z.int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  nsfw: z.boolean(),
  starred: z.boolean(),
});

const changeValue = z.union([shortText, z.number()]);

const runSchemaOf = <Input extends z.ZodType>(input: Input) =>
  z.object({
    id,
    engine: z.enum(ENGINE_NAMES),
    model: z.string().min(1).max(200),
    status: z.enum(["completed", "failed"]),
    input,
    seedRequested: z.int().min(-1).max(MAX_SEED).nullable(),
    error: z.string().max(10_000),
    inferenceMs: z.int().min(0),
    createdAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable(),
    lineage: z
      .object({
        parentId: id.nullable(),
        kind: z.enum(LINEAGE_KINDS),
        changes: z
          .array(z.object({ field: z.enum(LINEAGE_FIELDS), from: changeValue, to: changeValue }))
          .max(LINEAGE_FIELDS.length),
      })
      .nullable(),
    threadId: id,
    note: z.string().max(MAX_NOTE_CHARS, `must be at most ${MAX_NOTE_CHARS} characters`),
    sweep: z.object({ id, x: z.int().min(0), y: z.int().min(0) }).nullable(),
    // Absent from exports made before runs recorded where they were asked for.
    source: z
      .object({ kind: z.enum(RUN_SOURCE_KINDS), client: z.string().max(MAX_CLIENT_NAME_CHARS).nullable() })
      .nullable()
      .optional(),
    outputs: z.array(outputSchema).max(MAX_IMAGES),
  });
const runSchema = runSchemaOf(inputSchema);

const axisSchema = z.object({
  field: z.enum(SWEEP_FIELDS),
  values: z
    .array(z.union([shortText, z.number()]))
    .min(1)
    .max(1_000),
  labels: z.array(shortText).min(1).max(1_000),
});

const sweepSchemaOf = <Input extends z.ZodType>(base: Input) =>
  z.object({
    id,
    engine: z.enum(ENGINE_NAMES),
    base,
    x: axisSchema,
    y: axisSchema.nullable(),
    parentId: id.nullable(),
    createdAt: timestamp,
    cancelledAt: timestamp.nullable(),
  });

const common = {
  format: z.literal(MANIFEST_FORMAT),
  exportedAt: timestamp,
  /** What was exported: everything, one thread, one sweep, or a history filter. */
  scope: z.object({ kind: z.enum(["all", "thread", "sweep", "filter"]), query: z.record(z.string(), z.string()) }),
};

const sweepSchema = sweepSchemaOf(inputSchema);
const inputsSchema = z.array(inputImageSchema);

export const manifestSchema = z.object({
  ...common,
  version: z.literal(MANIFEST_VERSION),
  sweeps: z.array(sweepSchema),
  predictions: z.array(runSchema),
  inputs: inputsSchema,
});

/** Each version's lists, item by item; version 1 came before edits: no input pictures, every run text-to-image. */
const ITEMS = {
  1: { sweeps: sweepSchemaOf(textInputSchema), predictions: runSchemaOf(textInputSchema) },
  2: { sweeps: sweepSchema, predictions: runSchema, inputs: inputImageSchema },
} as const;

/** A manifest's top level, its lists not yet read item by item. */
const shellOf = (version: 1 | 2) =>
  z.object({
    ...common,
    version: z.literal(version),
    sweeps: z.array(z.unknown()),
    predictions: z.array(z.unknown()),
    ...(version === 2 ? { inputs: z.array(z.unknown()) } : {}),
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestRun = Manifest["predictions"][number];
export type ManifestSweep = Manifest["sweeps"][number];
export type ManifestInput = Manifest["inputs"][number];
export type ManifestProblem = { path: string; message: string };

const problemOf = (error: z.ZodError, at: Array<string | number> = []): { problem: ManifestProblem } => {
  const issue = error.issues[0];
  const path = [...at, ...issue.path].join(".");
  return { problem: { path: path || "(top level)", message: issue.message } };
};

/**
 * A manifest of any version this playground has written, read as the current one; or its first
 * problem. Each run, sweep and input picture is checked on its own, the event loop given a turn
 * whenever `slices` says a slice of time is spent, so a manifest of many runs never holds up the
 * server. Version 1 (before edits) is a version 2 without input pictures.
 */
export async function parseManifest(
  json: unknown,
  slices: TimeSlices,
): Promise<{ manifest: Manifest } | { problem: ManifestProblem }> {
  const version = (json as { version?: unknown } | null)?.version === 1 ? 1 : 2;
  const shell = shellOf(version).safeParse(json);
  if (!shell.success) return problemOf(shell.error);
  const items: Record<string, unknown[]> = {};
  for (const [list, schema] of Object.entries(ITEMS[version]) as Array<[string, z.ZodType]>) {
    items[list] = [];
    for (const [index, item] of (shell.data as unknown as Record<string, unknown[]>)[list].entries()) {
      const parsed = schema.safeParse(item);
      if (!parsed.success) return problemOf(parsed.error, [list, index]);
      items[list].push(parsed.data);
      await slices.turnIfDue();
    }
  }
  return { manifest: { ...shell.data, ...items, version: MANIFEST_VERSION, inputs: items.inputs ?? [] } as Manifest };
}
