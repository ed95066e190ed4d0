import "server-only";
import type { EngineState } from "../../engines/types";
import { EARLY_DELIVERY_MS, type EarlyDeliveryStore } from "../early-delivery-store";
import type { PostgresDb } from "./db";

/** Early webhook deliveries in a table, where the instance that owns the run finds them. */
export class PostgresEarlyDeliveries implements EarlyDeliveryStore {
  readonly shared = true;

  constructor(private readonly db: PostgresDb) {}

  async hold(upstreamId: string, state: EngineState): Promise<void> {
    await this.db.query("DELETE FROM early_deliveries WHERE received_at < now() - $1 * interval '1 millisecond'", [
      EARLY_DELIVERY_MS,
    ]);
    await this.db.query(
      `INSERT INTO early_deliveries (upstream_id, state) VALUES ($1, $2)
       ON CONFLICT (upstream_id) DO UPDATE SET state = excluded.state, received_at = now()`,
      [upstreamId, JSON.stringify(state)],
    );
  }

  async take(upstreamId: string): Promise<EngineState | undefined> {
    const { rows } = await this.db.query<{ state: string }>(
      `DELETE FROM early_deliveries WHERE upstream_id = $1 AND received_at >= now() - $2 * interval '1 millisecond' RETURNING state`,
      [upstreamId, EARLY_DELIVERY_MS],
    );
    return rows[0] ? (JSON.parse(rows[0].state) as EngineState) : undefined;
  }
}
