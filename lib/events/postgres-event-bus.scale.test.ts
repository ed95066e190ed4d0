import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { describeEventBusContract } from "@/testing/contracts/event-bus";
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
