import "server-only";
import fs from "node:fs/promises";
import type { Readable } from "node:stream";
import { DEFAULT_MIRROR_LIMITS } from "../predictions/mirror";
import { type ExportDeps, type ExportScope, exportArchive } from "./export";
import { type ImportDeps, type ImportResult, importArchive } from "./import";

/** Entries an import may hold: four images for each of many runs, and the manifest. */
const MAX_ENTRIES = 200_001;
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/** Moving everything to another machine and back: a zip of runs, sweeps and images out, and in again. */
export class ArchiveService {
  constructor(private readonly deps: ExportDeps & ImportDeps) {}

  /** A zip stream of the scope's finished runs and their images, with `manifest.json`. */
  export(scope: ExportScope, scopeQuery: Record<string, string>): Promise<Readable> {
    return exportArchive(this.deps, scope, scopeQuery);
  }

  /** Imports an export zip from a file, all or nothing. */
  async import(file: string): Promise<ImportResult> {
    const { size } = await fs.stat(file);
    return importArchive(this.deps, file, {
      maxEntries: MAX_ENTRIES,
      maxImageBytes: DEFAULT_MIRROR_LIMITS.maxBytes,
      maxManifestBytes: MAX_MANIFEST_BYTES,
      maxTotalBytes: Math.max(4 * size, 64 * 1024 * 1024),
    });
  }
}
