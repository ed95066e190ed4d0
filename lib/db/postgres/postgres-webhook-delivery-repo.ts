import "server-only";
import type { DeliveryAttempt, NewWebhookDelivery, WebhookDelivery } from "../../domain";
import type { WebhookDeliveryRepo } from "../webhook-delivery-repo";
import { attemptParams, type DeliveryRow, INSERT_DELIVERY, RECORD_ATTEMPT, toDelivery } from "../webhook-delivery-rows";
import { type PostgresDb, positional } from "./db";

/** WebhookDeliveryRepo on PostgreSQL, in the predictions' database. */
export class PostgresWebhookDeliveryRepo implements WebhookDeliveryRepo {
  constructor(private readonly db: PostgresDb) {}

  async create(delivery: NewWebhookDelivery): Promise<WebhookDelivery> {
    await this.db.query(...positional(INSERT_DELIVERY, delivery));
    return (await this.get(delivery.id))!;
  }

  async get(id: string): Promise<WebhookDelivery | undefined> {
    const { rows } = await this.db.query<DeliveryRow>("SELECT * FROM webhook_deliveries WHERE id = $1", [id]);
    return rows[0] && toDelivery(rows[0]);
  }

  async listForPrediction(predictionId: string): Promise<WebhookDelivery[]> {
    const { rows } = await this.db.query<DeliveryRow>(
      "SELECT * FROM webhook_deliveries WHERE prediction_id = $1 ORDER BY created_at, id",
      [predictionId],
    );
    return rows.map(toDelivery);
  }

  async listOpen(): Promise<WebhookDelivery[]> {
    const { rows } = await this.db.query<DeliveryRow>(
      "SELECT * FROM webhook_deliveries WHERE state IN ('waiting', 'retrying') ORDER BY created_at, id",
    );
    return rows.map(toDelivery);
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<WebhookDelivery | undefined> {
    const [text, values] = positional(RECORD_ATTEMPT, attemptParams(id, attempt));
    const { rowCount } = await this.db.query(text.replace(" WHERE id =", ", attempt_lease_until = NULL WHERE id ="), values);
    return rowCount ? this.get(id) : undefined;
  }

  async takeForAttempt(id: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE webhook_deliveries SET attempt_lease_until = now() + $2 * interval '1 millisecond'
       WHERE id = $1 AND state IN ('waiting', 'retrying') AND (attempt_lease_until IS NULL OR attempt_lease_until < now())`,
      [id, leaseMs],
    );
    return (rowCount ?? 0) > 0;
  }

  async releaseAttempt(id: string): Promise<void> {
    await this.db.query("UPDATE webhook_deliveries SET attempt_lease_until = NULL WHERE id = $1", [id]);
  }

  /** The database is shared with the prediction repo; it ends once, whichever closes it first. */
  close(): Promise<void> {
    return this.db.close();
  }
}
