import "server-only";
import type { ArchiveImportResult, ArchiveRepo, ArchiveRows } from "./archive-repo";
import type { Db } from "./client";
import { INSERT_OUTPUT, INSERT_PREDICTION, inputStatements, outputParams, predictionParams } from "./prediction-rows";
import { StatementCache } from "./statements";
import { INSERT_SWEEP, sweepParams } from "./sweep-rows";

/** ArchiveRepo on SQLite: one transaction for the whole import, input images of edits included. */
export class SqliteArchiveRepo implements ArchiveRepo {
  private readonly statements: StatementCache;

  constructor(private readonly db: Db) {
    this.statements = new StatementCache(db);
  }

  async importRows(rows: ArchiveRows): Promise<ArchiveImportResult> {
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): what is already here stays as it is.
    const sweep = this.statements.get(`${INSERT_SWEEP} ON CONFLICT (id) DO NOTHING`);
    const prediction = this.statements.get(`${INSERT_PREDICTION} ON CONFLICT (id) DO NOTHING`);
    const output = this.statements.get(INSERT_OUTPUT);
    return this.db.transaction(() => {
      const result: ArchiveImportResult = { sweeps: [], predictions: [] };
      for (const record of rows.sweeps) {
        if (sweep.run(sweepParams(record)).changes > 0) result.sweeps.push(record.id);
      }
      for (const record of rows.predictions) {
        if (prediction.run(predictionParams(record)).changes === 0) continue;
        for (const stored of record.outputs) output.run(outputParams(record.id, stored));
        for (const [text, params] of inputStatements(record)) this.statements.get(text).run(params);
        result.predictions.push(record.id);
      }
      return result;
    })();
  }
}
