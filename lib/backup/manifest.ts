import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
const FORMAT = "kontext-playground-backup";

/** A path inside a backup and a data folder: plain names under one of the known folders, nothing that climbs out. */
const relativePath = z
  .string()
  .regex(/^[A-Za-z0-9_-][\w.-]*(\/[A-Za-z0-9_-][\w.-]*)*$/, "must be a plain relative path")
  .refine((value) => !value.split("/").includes(".."), "must not climb out of its folder");

const fileEntry = z.object({
  path: relativePath,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a backup holds and how many, so a person can tell one from another, and so a restore can check it. */
const countsSchema = z.object({
  runs: z.number().int().nonnegative(),
  completed: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  starred: z.number().int().nonnegative(),
  lineageLinks: z.number().int().nonnegative(),
  sweeps: z.number().int().nonnegative(),
  outputs: z.number().int().nonnegative(),
  inputs: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  /** The database's schema version (SQLite's user_version): a restore refuses a newer one than it knows. */
  schemaVersion: z.number().int().nonnegative(),
  /** The database, copied by SQLite's online backup. */
  database: fileEntry,
  /** Every other file, each with its size and SHA-256: images, input pictures, thumbnails, grids, cards, the webhook secret. */
  files: z.array(fileEntry),
  counts: countsSchema,
});

export type Manifest = z.infer<typeof manifestSchema>;
export type FileEntry = z.infer<typeof fileEntry>;
export type BackupCounts = z.infer<typeof countsSchema>;

export function newManifest(fields: Omit<Manifest, "format" | "version">): Manifest {
  return { format: FORMAT, version: 1, ...fields };
}
