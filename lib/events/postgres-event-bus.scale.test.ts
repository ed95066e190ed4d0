import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it, vi } from "vitest";
import { describeEventBusContract } from "@/testing/contracts/event-bus";
import { testRecord } from "@/testing/records";
import type { PredictionEvent } from "./event-bus";
import { PostgresEventBus } from "./postgres-event-bus";

const { DATABASE_URL } = inject("scaleEnv");

/** Two buses on one channel, as two instances would hold: each must hear the other. */
describeEventBusContract("PostgreSQL LISTEN/NOTIFY", async () => {
  const channel = `kontext_${randomBytes(6).toString("hex")}`;
  const open = async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    const bus = await PostgresEventBus.open({ connectionString: DATABASE_URL, channel, pool, load: async () => undefined });
    const close = bus.close.bind(bus);
    bus.close = async () => {
      await close();
      await pool.end();
    };
    return bus;
  };
  return [await open(), await open()];
});

describe("PostgresEventBus", () => {
  it("after its listener's connection is cut, reconnects, tells subscribers to read afresh, and hears again", async () => {
    const channel = `kontext_${randomBytes(6).toString("hex")}`;
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    const record = testRecord("r1");
    const bus = await PostgresEventBus.open({ connectionString: DATABASE_URL, channel, pool, load: async () => record });
    const events: PredictionEvent[] = [];
    bus.subscribe((event) => events.push(event));
    await pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`listen ${channel}`]);
    await vi.waitFor(() => expect(events).toContainEqual({ type: "resync" }), { timeout: 15_000 });
    await bus.publish({ type: "updated", record });
    await vi.waitFor(() => expect(events).toContainEqual({ type: "updated", record }), { timeout: 5_000 });
    await bus.close();
    await pool.end();
  });
});
