import "server-only";
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { MAX_INPUT_BYTES } from "../domain";
import { type ExportDeps, type ExportScope, exportArchive } from "./export";
import { type ImportDeps, type ImportResult, importArchive } from "./import";

/** Entries an import may hold: four images for each of many runs, and the manifest. */
const MAX_ENTRIES = 200_001;
/** The largest manifest read: far more than 2,000 runs with the longest prompts and notes take. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const MAX_MANIFEST_DEPTH = 16;
/**
 * Runs one import stores. They are written in one transaction (all or nothing), about 25 µs of the
 * event loop's time each on SQLite: 2,000 keep that within tens of milliseconds. A gigabyte zip of
 * real images holds fewer runs than that anyway.
 */
const MAX_RUNS = 2_000;
/** Reading the manifest gives the event loop a turn at least this often. */
const SLICE_MS = 10;

/** Moving everything to another machine and back: a zip of runs, sweeps and images out, and in again. */
export class ArchiveService {
  constructor(private readonly deps: ExportDeps & ImportDeps & { maxSweepCells: number }) {}

  /** A zip stream of the scope's finished runs and their images, with `manifest.json`. */
  export(scope: ExportScope, scopeQuery: Record<string, string>): Promise<Readable> {
    return exportArchive(this.deps, scope, scopeQuery);
  }

  /** Imports an export zip from a file, all or nothing, within every limit a submit, upload or sweep has. */
  async import(file: string): Promise<ImportResult> {
    const { size } = await fs.stat(file);
    return importArchive(this.deps, file, {
      maxEntries: MAX_ENTRIES,
      maxImageBytes: MAX_INPUT_BYTES,
      maxManifestBytes: MAX_MANIFEST_BYTES,
      maxManifestDepth: MAX_MANIFEST_DEPTH,
      maxRuns: MAX_RUNS,
      maxTotalBytes: Math.max(4 * size, 64 * 1024 * 1024),
      maxSweepCells: this.deps.maxSweepCells,
      sliceMs: SLICE_MS,
    });
  }
}
