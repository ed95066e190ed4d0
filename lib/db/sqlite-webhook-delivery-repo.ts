import "server-only";
import type { DeliveryAttempt, NewWebhookDelivery, WebhookDelivery } from "../domain";
import type { Db } from "./client";
import type { WebhookDeliveryRepo } from "./webhook-delivery-repo";
import { attemptParams, type DeliveryRow, INSERT_DELIVERY, RECORD_ATTEMPT, toDelivery } from "./webhook-delivery-rows";

/** WebhookDeliveryRepo on the playground's SQLite database (migration 3). */
export class SqliteWebhookDeliveryRepo implements WebhookDeliveryRepo {
  /** One process uses this database: the attempts under way are known here, by delivery and end of lease. */
  private readonly attempting = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async takeForAttempt(id: string, leaseMs: number): Promise<boolean> {
    const held = this.attempting.get(id);
    if (held !== undefined && held > Date.now()) return false;
    const delivery = this.read(id);
    if (!delivery || (delivery.state !== "waiting" && delivery.state !== "retrying")) return false;
    this.attempting.set(id, Date.now() + leaseMs);
    return true;
  }

  async releaseAttempt(id: string): Promise<void> {
    this.attempting.delete(id);
  }

  async create(delivery: NewWebhookDelivery): Promise<WebhookDelivery> {
    this.db.prepare(INSERT_DELIVERY).run(delivery);
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
    const { changes } = this.db.prepare(RECORD_ATTEMPT).run(attemptParams(id, attempt));
    this.attempting.delete(id);
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
