import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What the gauges read at each scrape: cheap, in-memory figures, or one indexed query. */
export type MetricSources = {
  /** Runs waiting for a place upstream (in the line every instance shares, on PostgreSQL), and those holding one here. */
  runQueue(): Promise<{ waiting: number; inFlight: number }>;
  /** Today's budget left in USD; absent without a budget (or on a free engine), and so is its gauge. */
  budgetLeftUsd?: () => Promise<number>;
  /** Event streams (/api/events) open on this instance. */
  eventClients(): number;
  /** MAX_STORAGE_GB in bytes; absent without a limit, and so is its gauge. */
  storageLimitBytes?: number;
  /** The storage figures as last measured; undefined before the first measurement. */
  storage(): { usedBytes: number; limitBytes?: number; level: "ok" | "warning" | "full" } | undefined;
};

const UPSTREAM_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const RUN_SECONDS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600];
const STORED_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WRITE_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * The figures /metrics serves, in one prom-client registry per process (Node's default process
 * metrics included). Each instance serves its own; docs/OPERATIONS.md says which to sum. Labels
 * are a handful of known values each (engine, model, status, operation, outcome, store), never an id.
 */
export class OperatorMetrics {
  readonly registry = new Registry();
  private sources?: MetricSources;

  readonly runs = this.counter("kontext_runs_total", "Runs that ended on this instance, by engine, model and final status", [
    "engine",
    "model",
    "status",
  ]);
  readonly runSeconds = this.histogram(
    "kontext_run_duration_seconds",
    "From submit to completion or failure",
    ["engine", "status"],
    RUN_SECONDS,
  );
  readonly storedSeconds = this.histogram(
    "kontext_run_store_delay_seconds",
    "From the upstream reporting a run complete to its images stored and the run recorded completed",
    ["engine"],
    STORED_SECONDS,
  );
  readonly upstreamSeconds = this.histogram(
    "kontext_upstream_request_duration_seconds",
    "Requests to the engine's upstream, by operation and outcome (ok, or the failure's kind)",
    ["operation", "outcome"],
    UPSTREAM_SECONDS,
  );
  readonly upstreamRetries = this.counter(
    "kontext_upstream_retries_total",
    "Upstream requests that repeat one that failed (the same run's submit, the same task's poll)",
    ["operation"],
  );
  readonly upstreamRateLimited = this.counter("kontext_upstream_rate_limited_total", "Upstream answers of 429", ["operation"]);
  readonly spendUsd = this.counter("kontext_spend_usd_total", "What completed runs cost, in US dollars", ["engine"]);
  readonly webhookDeliveries = this.counter(
    "kontext_webhook_deliveries_total",
    "Outgoing webhook attempts, by outcome (delivered, retrying, failed)",
    ["outcome"],
  );
  readonly storeWriteSeconds = this.histogram(
    "kontext_store_write_duration_seconds",
    "Writes to the database and the blob stores",
    ["store", "operation"],
    WRITE_SECONDS,
  );
  readonly reserveHeld = new Gauge({
    name: "kontext_disk_reserve_held",
    help: "1 while the disk reserve is held, 0 once a full disk made the server give it up",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const read = () => this.sources;
    this.gauge("kontext_runs_waiting", "Runs waiting for a place upstream, in this instance's line", async function () {
      const queue = await read()?.runQueue();
      if (queue) this.set(queue.waiting);
    });
    this.gauge("kontext_runs_in_flight", "Runs holding a place upstream on this instance", async function () {
      const queue = await read()?.runQueue();
      if (queue) this.set(queue.inFlight);
    });
    this.gauge("kontext_event_stream_clients", "Event streams (/api/events) open on this instance", function () {
      const sources = read();
      if (sources) this.set(sources.eventClients());
    });
    this.gauge("kontext_storage_used_bytes", "Storage the data takes, as last measured", function () {
      const storage = read()?.storage();
      if (storage) this.set(storage.usedBytes);
    });
    this.gauge("kontext_storage_warning", "1 past 90 % of MAX_STORAGE_GB", function () {
      const level = read()?.storage()?.level;
      this.set(level === "warning" || level === "full" ? 1 : 0);
    });
    this.gauge("kontext_storage_full", "1 past 100 % of MAX_STORAGE_GB: new runs are refused (507)", function () {
      this.set(read()?.storage()?.level === "full" ? 1 : 0);
    });
  }

  /** Where the gauges read from; given once the services they read are built. Figures that do not apply are left out. */
  readFrom(sources: MetricSources): void {
    this.sources = sources;
    const { budgetLeftUsd, storageLimitBytes } = sources;
    if (budgetLeftUsd)
      this.gauge("kontext_budget_left_usd", "Today's budget left (UTC day), in US dollars", async function () {
        this.set(await budgetLeftUsd());
      });
    if (storageLimitBytes !== undefined)
      this.gauge("kontext_storage_limit_bytes", "MAX_STORAGE_GB, in bytes", function () {
        this.set(storageLimitBytes);
      });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]) {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  private gauge(name: string, help: string, collect: (this: Gauge) => void | Promise<void>) {
    return new Gauge({ name, help, collect, registers: [this.registry] });
  }
}
