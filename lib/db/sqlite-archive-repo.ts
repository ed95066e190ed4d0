import "server-only";
import { type ArchiveImportResult, type ArchiveRepo, type ArchiveRows, byId, type ImportFiles } from "./archive-repo";
import type { Db } from "./client";
import { INSERT_OUTPUT, INSERT_PREDICTION, inputStatements, outputParams, predictionParams } from "./prediction-rows";
import { StatementCache } from "./statements";
import { INSERT_SWEEP, sweepParams } from "./sweep-rows";

/** One import at a time per database: SQLite has one process, so holding the ids is taking turns. */
const turns = new WeakMap<Db, Promise<unknown>>();

/**
 * ArchiveRepo on SQLite: imports take turns on the database, and each writes its rows in one
 * transaction, input images of edits included. The ids it adds are those not present when its turn
 * comes; their files are written before the transaction, and removed within the turn if it fails.
 */
export class SqliteArchiveRepo implements ArchiveRepo {
  private readonly statements: StatementCache;

  constructor(private readonly db: Db) {
    this.statements = new StatementCache(db);
  }

  importRows(rows: ArchiveRows, files: ImportFiles): Promise<ArchiveImportResult> {
    const turn = (turns.get(this.db) ?? Promise.resolve()).then(() => this.importInTurn(rows, files));
    turns.set(
      this.db,
      turn.catch(() => undefined),
    );
    return turn;
  }

  private async importInTurn(rows: ArchiveRows, files: ImportFiles): Promise<ArchiveImportResult> {
    const present = new Set(
      (
        this.statements
          .get("SELECT id FROM predictions WHERE id IN (SELECT value FROM json_each(?))")
          .all(JSON.stringify(rows.predictions.map((record) => record.id))) as Array<{ id: string }>
      ).map((row) => row.id),
    );
    const adding = byId(rows.predictions).filter((record) => !present.has(record.id));
    const ids = adding.map((record) => record.id);
    await files.write(ids);
    try {
      return this.store(byId(rows.sweeps), adding);
    } catch (error) {
      await files.remove(ids);
      throw error;
    }
  }

  private store(sweeps: ArchiveRows["sweeps"], predictions: ArchiveRows["predictions"]): ArchiveImportResult {
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): what is already here stays as it is.
    const sweep = this.statements.get(`${INSERT_SWEEP} ON CONFLICT (id) DO NOTHING`);
    const prediction = this.statements.get(`${INSERT_PREDICTION} ON CONFLICT (id) DO NOTHING`);
    const output = this.statements.get(INSERT_OUTPUT);
    return this.db.transaction(() => {
      const result: ArchiveImportResult = { sweeps: [], predictions: [] };
      for (const record of sweeps) {
        if (sweep.run(sweepParams(record)).changes > 0) result.sweeps.push(record.id);
      }
      for (const record of predictions) {
        if (prediction.run(predictionParams(record)).changes === 0) continue;
        for (const stored of record.outputs) output.run(outputParams(record.id, stored));
        for (const [text, params] of inputStatements(record)) this.statements.get(text).run(params);
        result.predictions.push(record.id);
      }
      return result;
    })();
  }
}
