import type { PredictionRecord, SweepRecord } from "../domain";

/** What an import brings in: finished runs with their outputs, and the sweeps they belong to. */
export type ArchiveRows = { sweeps: SweepRecord[]; predictions: PredictionRecord[] };

/** The ids that were new and stored; ids already present are skipped, never overwritten. */
export type ArchiveImportResult = { sweeps: string[]; predictions: string[] };

/** The files of the runs an import adds, written while the rows wait to be stored. */
export type ImportFiles = {
  /** Writes the files of these runs (the ones this import adds): called before any of them is visible. */
  write(runIds: string[]): Promise<void>;
  /** Removes what `write` wrote, when the rows are not stored after all. */
  remove(runIds: string[]): Promise<void>;
};

/**
 * Writes an import all or nothing: every sweep and run in one transaction, so a failure stores none
 * of them. Importing a run id is atomic: an import holds the ids it adds from before their files
 * are written until its rows are stored (or its files removed), and another import of the same id
 * meanwhile waits, then finds it present and skips it, so neither overwrites nor deletes the
 * other's files. Rows are taken in id order, so two imports never wait on each other in a circle.
 * SQLite (sqlite-archive-repo.ts) and PostgreSQL; both pass testing/contracts/archive-repo.ts.
 */
export interface ArchiveRepo {
  importRows(rows: ArchiveRows, files: ImportFiles): Promise<ArchiveImportResult>;
}

/** Rows in the order every implementation takes them. */
export const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
