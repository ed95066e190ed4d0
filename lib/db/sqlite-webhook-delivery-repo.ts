import "server-only";
import type { DeliveryAttempt, DeliveryState, NewWebhookDelivery, WebhookDelivery } from "../domain";
import type { Db } from "./client";
import type { WebhookDeliveryRepo } from "./webhook-delivery-repo";

type DeliveryRow = {
  id: string;
  prediction_id: string;
  url: string;
  base_url: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string;
  created_at: string;
  first_attempt_at: string | null;
  finished_at: string | null;
};

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  predictionId: row.prediction_id,
  url: row.url,
  baseUrl: row.base_url,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at,
  firstAttemptAt: row.first_attempt_at,
  finishedAt: row.finished_at,
});

/** WebhookDeliveryRepo on the playground's SQLite database (migration 3). */
export class SqliteWebhookDeliveryRepo implements WebhookDeliveryRepo {
  constructor(private readonly db: Db) {}

  async create(delivery: NewWebhookDelivery): Promise<WebhookDelivery> {
    this.db
      .prepare(
        `INSERT INTO webhook_deliveries (id, prediction_id, url, base_url, state, created_at)
         VALUES (@id, @predictionId, @url, @baseUrl, 'waiting', @createdAt)`,
      )
      .run(delivery);
    return this.read(delivery.id)!;
  }

  async get(id: string): Promise<WebhookDelivery | undefined> {
    return this.read(id);
  }

  async listForPrediction(predictionId: string): Promise<WebhookDelivery[]> {
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE prediction_id = ? ORDER BY created_at, id`)
      .all(predictionId) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async listOpen(): Promise<WebhookDelivery[]> {
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE state IN ('waiting', 'retrying') ORDER BY created_at, id`)
      .all() as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<WebhookDelivery | undefined> {
    const finished = attempt.outcome !== "retrying";
    const { changes } = this.db
      .prepare(
        `UPDATE webhook_deliveries SET state = @outcome, attempts = attempts + 1, last_status = @httpStatus,
           last_error = @error, next_attempt_at = @nextAttemptAt, first_attempt_at = COALESCE(first_attempt_at, @at),
           finished_at = @finishedAt
         WHERE id = @id AND state IN ('waiting', 'retrying')`,
      )
      .run({
        id,
        outcome: attempt.outcome,
        httpStatus: attempt.httpStatus,
        error: attempt.error,
        nextAttemptAt: finished ? null : attempt.nextAttemptAt,
        at: attempt.at,
        finishedAt: finished ? attempt.at : null,
      });
    return changes > 0 ? this.read(id) : undefined;
  }

  /** The database is shared with the prediction repo; whichever closes first closes it, the other finds it closed. */
  async close(): Promise<void> {
    this.db.close();
  }

  private read(id: string): WebhookDelivery | undefined {
    const row = this.db.prepare(`SELECT * FROM webhook_deliveries WHERE id = ?`).get(id) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }
}
