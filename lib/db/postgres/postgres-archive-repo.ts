import "server-only";
import type { ArchiveImportResult, ArchiveRepo, ArchiveRows } from "../archive-repo";
import { INSERT_OUTPUT, INSERT_PREDICTION, inputStatements, outputParams, predictionParams } from "../prediction-rows";
import { INSERT_SWEEP, sweepParams } from "../sweep-rows";
import { type PostgresDb, positional } from "./db";

/** ArchiveRepo on PostgreSQL: one transaction for the whole import, input images of edits included, as on SQLite. */
export class PostgresArchiveRepo implements ArchiveRepo {
  constructor(private readonly db: PostgresDb) {}

  importRows(rows: ArchiveRows): Promise<ArchiveImportResult> {
    return this.db.transaction(async (client) => {
      const result: ArchiveImportResult = { sweeps: [], predictions: [] };
      for (const record of rows.sweeps) {
        const { rowCount } = await client.query(
          ...positional(`${INSERT_SWEEP} ON CONFLICT (id) DO NOTHING`, sweepParams(record)),
        );
        if (rowCount) result.sweeps.push(record.id);
      }
      for (const record of rows.predictions) {
        const inserted = await client.query(
          ...positional(`${INSERT_PREDICTION} ON CONFLICT (id) DO NOTHING`, predictionParams(record)),
        );
        if (!inserted.rowCount) continue;
        for (const stored of record.outputs) await client.query(...positional(INSERT_OUTPUT, outputParams(record.id, stored)));
        for (const [sql, params] of inputStatements(record)) await client.query(...positional(sql, params));
        result.predictions.push(record.id);
      }
      return result;
    });
  }
}
