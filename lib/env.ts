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
    /** Build output folder; lets two builds of one checkout live side by side. */
    NEXT_DIST_DIR: z.string().trim().min(1).default(".next"),
    /** Hard cap on the cells of one sweep. */
    SWEEP_MAX_CELLS: positiveInt(64),
    /** Largest export file an import accepts, in bytes. */
    MAX_IMPORT_BYTES: positiveInt(1024 * 1024 * 1024),
    /** Log level for server logs. */
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .transform((env) => ({
    ...env,
    KONTEXT_ENGINE: env.KONTEXT_ENGINE ?? (env.WAVESPEED_API_KEY ? "wavespeed" : "local"),
  }))
  .superRefine((env, ctx) => {
    if (env.KONTEXT_ENGINE === "wavespeed" && !env.WAVESPEED_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["WAVESPEED_API_KEY"],
        message: "is required when KONTEXT_ENGINE=wavespeed",
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
    const shown = name === "WAVESPEED_API_KEY" ? "" : ` (got ${JSON.stringify(source[name] ?? null)})`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new Error(`Invalid configuration: ${problems.join("; ")}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
