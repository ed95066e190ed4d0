import { z } from "zod";

/**
 * The only reader of process.env. Parsed once; a bad value throws at start-up
 * with a message that names the variable.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A switch: "1" or "true" turns it on, "0" or "false" (or unset) leaves it off; anything else is a mistake. */
const flag = z
  .enum(["1", "0", "true", "false"], { error: 'must be "1" or "0"' })
  .transform((value) => value === "1" || value === "true")
  .default(false);

/** Addresses that only this machine can reach: binding them needs no token. */
const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
export const isLoopbackBind = (host: string) => LOOPBACK_HOSTS.test(host.trim());

/** Values that must never appear in a configuration error. */
const SECRET_VARIABLES = new Set([
  "WAVESPEED_API_KEY",
  "ACCESS_TOKEN",
  "METRICS_TOKEN",
  "WEBHOOK_SECRET",
  "DATABASE_URL",
  "S3_SECRET_ACCESS_KEY",
  "OTEL_EXPORTER_OTLP_HEADERS",
]);

const envSchema = z
  .object({
    KONTEXT_ENGINE: z.enum(["local", "wavespeed"]).optional(),
    WAVESPEED_API_KEY: optionalText,
    WAVESPEED_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.wavespeed.ai"),
    WAVESPEED_MAX_CONCURRENCY: positiveInt(3),
    /** How long one prediction may take upstream before it is failed. */
    WAVESPEED_DEADLINE_MS: positiveInt(10 * 60_000),
    /** Steady poll interval once a task is running. */
    WAVESPEED_POLL_INTERVAL_MS: positiveInt(250),
    /** auto: webhooks when PUBLIC_URL is https; on: whenever PUBLIC_URL is set (e.g. a tunnel over http). */
    WAVESPEED_WEBHOOKS: z.enum(["auto", "on", "off"]).default("auto"),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
    /** Upper bound of a request body, in bytes. */
    MAX_BODY_BYTES: positiveInt(64 * 1024),
    /** Threads the local engine renders on; by default one per core but one, which stays free to serve requests. */
    LOCAL_RENDER_THREADS: z.coerce.number().int().positive().optional(),
    /** Event streams (/api/events) open at once; past it, 503 with Retry-After. */
    SSE_MAX_CLIENTS: positiveInt(1000),
    /** Bytes one event-stream client may leave unread before it is dropped (it reconnects and refetches). */
    SSE_MAX_BUFFER_BYTES: positiveInt(256 * 1024),
    /** Build output folder; lets two builds of one checkout live side by side. */
    NEXT_DIST_DIR: z.string().trim().min(1).default(".next"),
    /** Longest a submit with enable_sync_mode waits for its task before answering 504. */
    SYNC_MODE_TIMEOUT_MS: positiveInt(100_000),
    /** Signs outgoing webhooks; without it a secret is made once and kept in DATA_DIR. */
    WEBHOOK_SECRET: z.string().trim().min(16, "must be at least 16 characters").optional(),
    /** Lets webhooks go to http URLs and to private, loopback and link-local addresses. */
    WEBHOOK_ALLOW_PRIVATE: flag,
    /** Lets image URLs of edits be fetched over http and from private, loopback and link-local addresses. */
    IMAGE_URL_ALLOW_PRIVATE: flag,
    /** Longest the download of an image URL may take, redirects included. */
    IMAGE_URL_TIMEOUT_MS: positiveInt(15_000),
    /** Hard cap on the cells of one sweep. */
    SWEEP_MAX_CELLS: positiveInt(64),
    /** Largest export file an import accepts, in bytes. */
    MAX_IMPORT_BYTES: positiveInt(1024 * 1024 * 1024),
    /** Log level for server logs. */
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    /** The address `npm start` binds; anything but loopback needs ACCESS_TOKEN (or ALLOW_ANONYMOUS=1). */
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    /** The owner's secret: signs in at /login, or goes as `Authorization: Bearer` from scripts. */
    ACCESS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
    /** Serve a non-loopback HOST without a token: everyone who reaches it is the owner. */
    ALLOW_ANONYMOUS: flag,
    /** Believe X-Forwarded-For/-Host/-Proto: only behind a reverse proxy that sets them. */
    TRUST_PROXY: flag,
    /** Submits one owner session or token may make in a minute. */
    SUBMITS_PER_MINUTE: positiveInt(60),
    /** Predictions not yet completed or failed, at most; a submit past it is refused. */
    MAX_QUEUED: positiveInt(200),
    /** WaveSpeed spend allowed per UTC day, in US dollars; unset means no budget. */
    BUDGET_USD_PER_DAY: z.coerce.number().positive().optional(),
    /** PostgreSQL instead of SQLite: several instances share it (`postgres://user:pass@host:5432/db`). */
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** How long an instance's claim on a run holds without renewal; another instance takes the run over after it. */
    CLAIM_LEASE_MS: positiveInt(10_000),
    /** S3-compatible storage instead of DATA_DIR for images, thumbnails and grids: all four of these together. */
    S3_ENDPOINT: z.url({ error: "must be a URL such as https://s3.example.com" }).optional(),
    S3_BUCKET: optionalText,
    S3_ACCESS_KEY_ID: optionalText,
    S3_SECRET_ACCESS_KEY: optionalText,
    S3_REGION: z.string().trim().min(1).default("us-east-1"),
    /** Bucket in the path (`endpoint/bucket/key`), as most self-hosted S3 servers need. */
    S3_FORCE_PATH_STYLE: flag,
    /** A folder of the bucket for this deployment (`kontext/`), so several can share one bucket. */
    S3_KEY_PREFIX: z
      .string()
      .trim()
      .regex(/^([\w.-]+\/)*$/, "must be folder names, each ending in /")
      .default(""),
    /** A second secret that opens /metrics alone (`Authorization: Bearer`), so a scraper needs no owner rights. */
    METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
    /** Where traces go over OTLP/HTTP (`http://collector:4318`); unset, tracing is off and its SDK never loads. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://localhost:4318" })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
    /** Headers for the OTLP endpoint, `name=value` pairs separated by commas (an API key of a hosted collector). */
    OTEL_EXPORTER_OTLP_HEADERS: z
      .string()
      .trim()
      .regex(/^([^=,\s]+=[^,]*)(,[^=,\s]+=[^,]*)*$/, "must be name=value pairs separated by commas")
      .optional(),
    /** The service name traces carry. */
    OTEL_SERVICE_NAME: z.string().trim().min(1).default("kontext-playground"),
    /** Finished runs older than this many days are deleted daily, except starred and noted runs and their ancestors; unset keeps everything. */
    RETENTION_DAYS: z.coerce.number().int().positive().optional(),
    /** Storage the data may take, in GB: past 90 % the owner is warned, past 100 % new runs are refused (507). */
    MAX_STORAGE_GB: z.coerce.number().positive().optional(),
    /** On SIGTERM, how long /api/ready answers 503 while requests are still served, before the server stops taking them. */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),
  })
  .transform((env) => ({
    ...env,
    KONTEXT_ENGINE: env.KONTEXT_ENGINE ?? (env.WAVESPEED_API_KEY ? "wavespeed" : "local"),
  }))
  .superRefine((env, ctx) => {
    const s3 = ["S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
    if (s3.some((name) => env[name]) && !s3.every((name) => env[name])) {
      for (const name of s3.filter((name) => !env[name]))
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `is required with ${s3.filter((other) => env[other]).join(", ")}`,
        });
    }
    if (env.KONTEXT_ENGINE === "wavespeed" && !env.WAVESPEED_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["WAVESPEED_API_KEY"],
        message: "is required when KONTEXT_ENGINE=wavespeed",
      });
    }
    if (!isLoopbackBind(env.HOST) && !env.ACCESS_TOKEN && !env.ALLOW_ANONYMOUS) {
      ctx.addIssue({
        code: "custom",
        path: ["ACCESS_TOKEN"],
        message: `must be set (at least 16 characters) when HOST=${env.HOST} lets other machines reach the playground; set ALLOW_ANONYMOUS=1 to serve without one, so that everyone who reaches it is the owner`,
      });
    }
  });

export type Env = z.output<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as they do in most .env files.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    const shown = SECRET_VARIABLES.has(name) ? "" : ` (got ${JSON.stringify(source[name] ?? null)})`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new Error(`Invalid configuration: ${problems.join("; ")}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
