import "server-only";
import { z } from "zod";
import {
  ASPECT_RATIOS,
  ENGINE_NAMES,
  LINEAGE_FIELDS,
  LINEAGE_KINDS,
  MAX_GUIDANCE,
  MAX_IMAGES,
  MAX_NOTE_CHARS,
  MAX_SEED,
  MIN_GUIDANCE,
  SAFETY_TOLERANCES,
  SWEEP_FIELDS,
} from "../domain";
import { ID_PATTERN } from "../playground-api";
import { IMAGE_EXTENSIONS } from "../storage/content-types";

/**
 * `manifest.json` of an export, version 1: every finished run with its parameters, lineage,
 * note and stars, the sweeps they belong to, and for each image the file in the zip, its
 * size and its SHA-256. An import accepts exactly this shape.
 */
export const MANIFEST_FORMAT = "kontext-playground-export";
export const MANIFEST_VERSION = 1;
export const MANIFEST_NAME = "manifest.json";

/** Where an image sits in the zip. */
export const imageEntryName = (id: string, index: number, extension: string) => `images/${id}/${index}.${extension}`;
export const IMAGE_ENTRY = /^images\/([A-Za-z0-9_-]{1,64})\/([0-3])\.(jpg|png|webp|gif|avif)$/;

const id = z.string().regex(ID_PATTERN, "must be an id of letters, digits, - and _");
const timestamp = z.iso.datetime({ offset: true });

const inputSchema = z.object({
  prompt: z.string().trim().min(1),
  aspect_ratio: z.enum(ASPECT_RATIOS),
  num_images: z.int().min(1).max(MAX_IMAGES),
  seed: z.int().min(0).max(MAX_SEED),
  guidance_scale: z.number().min(MIN_GUIDANCE).max(MAX_GUIDANCE),
  safety_tolerance: z.enum(SAFETY_TOLERANCES),
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

const changeValue = z.union([z.string(), z.number()]);

const runSchema = z.object({
  id,
  engine: z.enum(ENGINE_NAMES),
  model: z.string().min(1).max(200),
  status: z.enum(["completed", "failed"]),
  input: inputSchema,
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
  note: z.string().max(MAX_NOTE_CHARS),
  sweep: z.object({ id, x: z.int().min(0), y: z.int().min(0) }).nullable(),
  outputs: z.array(outputSchema).max(MAX_IMAGES),
});

const axisSchema = z.object({
  field: z.enum(SWEEP_FIELDS),
  values: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(1_000),
  labels: z.array(z.string()).min(1).max(1_000),
});

const sweepSchema = z.object({
  id,
  engine: z.enum(ENGINE_NAMES),
  base: inputSchema,
  x: axisSchema,
  y: axisSchema.nullable(),
  parentId: id.nullable(),
  createdAt: timestamp,
  cancelledAt: timestamp.nullable(),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  exportedAt: timestamp,
  /** What was exported: everything, one thread, one sweep, or a history filter. */
  scope: z.object({ kind: z.enum(["all", "thread", "sweep", "filter"]), query: z.record(z.string(), z.string()) }),
  sweeps: z.array(sweepSchema),
  predictions: z.array(runSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestRun = Manifest["predictions"][number];
export type ManifestSweep = Manifest["sweeps"][number];
