import type { PredictionRecord, SweepRecord } from "../domain";

/** What an import brings in: finished runs with their outputs, and the sweeps they belong to. */
export type ArchiveRows = { sweeps: SweepRecord[]; predictions: PredictionRecord[] };

/** The ids that were new and stored; ids already present are skipped, never overwritten. */
export type ArchiveImportResult = { sweeps: string[]; predictions: string[] };

/**
 * Writes an import all or nothing: every sweep and run in one transaction, so a failure
 * stores none of them. SQLite today (sqlite-archive-repo.ts); any other implementation
 * must pass testing/contracts/archive-repo.ts.
 */
export interface ArchiveRepo {
  importRows(rows: ArchiveRows): Promise<ArchiveImportResult>;
}
