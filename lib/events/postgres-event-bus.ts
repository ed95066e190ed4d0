import "server-only";
import pg from "pg";
import type { PredictionRecord } from "../domain";
import { log } from "../log";
import { fullJitterBackoff, sleep } from "../retry";
import type { EventBus, EventListener, PredictionEvent } from "./event-bus";
import { InProcessEventBus } from "./in-process-event-bus";

export type PostgresEventBusOptions = {
  connectionString: string;
  /** One channel per deployment (and per test suite). */
  channel: string;
  /** Pool for NOTIFY; the listener has a connection of its own, never a pooled one. */
  pool: pg.Pool;
  /** Reads a record back: notifications carry ids only. */
  load: (id: string) => Promise<PredictionRecord | undefined>;
};

type Notice = { type: "updated" | "deleted"; id: string };

/**
 * EventBus across instances through LISTEN/NOTIFY. A notification carries the id only (payloads
 * must stay under 8,000 bytes); each instance reads the record back once and hands it to its own
 * subscribers. Every event, this instance's included, arrives through the listener, so all
 * subscribers see one order. Notifications sent while the listener is reconnecting are lost, so
 * after a reconnect subscribers get `resync` and fetch afresh.
 */
export class PostgresEventBus implements EventBus {
  /** This instance's subscribers, as one process holds them. */
  private readonly local = new InProcessEventBus();
  private listener?: pg.Client;
  private closed = false;
  private delivery = Promise.resolve();

  private constructor(private readonly options: PostgresEventBusOptions) {}

  static async open(options: PostgresEventBusOptions): Promise<PostgresEventBus> {
    const bus = new PostgresEventBus(options);
    await bus.listen();
    return bus;
  }

  /** A bus whose listener connects in the background, trying again until it is up (the composition root is synchronous). */
  static start(options: PostgresEventBusOptions): PostgresEventBus {
    const bus = new PostgresEventBus(options);
    void bus.connectUntilUp(false);
    return bus;
  }

  async publish(event: PredictionEvent): Promise<void> {
    if (event.type === "resync") return;
    const notice: Notice =
      event.type === "deleted" ? { type: "deleted", id: event.id } : { type: "updated", id: event.record.id };
    await this.options.pool.query("SELECT pg_notify($1, $2)", [this.options.channel, JSON.stringify(notice)]);
  }

  subscribe(listener: EventListener): () => void {
    return this.local.subscribe(listener);
  }

  get subscriberCount(): number {
    return this.local.subscriberCount;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await this.listener?.end().catch(() => {});
  }

  private async listen(): Promise<void> {
    // Named, so an operator can tell the listener apart in pg_stat_activity.
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: `listen ${this.options.channel}`,
    });
    client.on("notification", (message) => {
      if (message.channel === this.options.channel && message.payload) this.enqueue(message.payload);
    });
    client.on("error", (error) => {
      log.warn("the event listener lost its connection; reconnecting", { error: error.message });
      void this.reconnect(client);
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.options.channel)}`);
    this.listener = client;
  }

  private async reconnect(broken: pg.Client): Promise<void> {
    if (this.closed || this.listener !== broken) return;
    this.listener = undefined;
    await broken.end().catch(() => {});
    await this.connectUntilUp(true);
  }

  private async connectUntilUp(resync: boolean): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      try {
        await this.listen();
        if (resync) void this.local.publish({ type: "resync" } satisfies PredictionEvent);
        return;
      } catch (error) {
        log.warn("could not reconnect the event listener", { attempt, error: String(error) });
        await sleep(fullJitterBackoff(attempt, { baseMs: 250, capMs: 5_000 }));
      }
    }
  }

  /** Delivers notices one at a time, in arrival order, each with its record read back. */
  private enqueue(payload: string): void {
    this.delivery = this.delivery.then(async () => {
      const notice = parseNotice(payload);
      if (!notice) return;
      if (notice.type === "deleted") {
        void this.local.publish({ type: "deleted", id: notice.id } satisfies PredictionEvent);
        return;
      }
      const record = await this.options.load(notice.id).catch((error: unknown) => {
        log.warn("could not read back an announced prediction", { id: notice.id, error: String(error) });
        return undefined;
      });
      if (record) void this.local.publish({ type: "updated", record } satisfies PredictionEvent);
    });
  }
}

function parseNotice(payload: string): Notice | undefined {
  try {
    const value = JSON.parse(payload) as Partial<Notice>;
    return (value.type === "updated" || value.type === "deleted") && typeof value.id === "string" ? (value as Notice) : undefined;
  } catch {
    return undefined;
  }
}
