import { getEnv } from "./env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

/** Strips the API key and the access and metrics tokens from anything about to leave the process. */
export function redactSecrets(text: string): string {
  const { WAVESPEED_API_KEY, ACCESS_TOKEN, METRICS_TOKEN } = getEnv();
  let redacted = text;
  for (const secret of [WAVESPEED_API_KEY, ACCESS_TOKEN, METRICS_TOKEN])
    if (secret) redacted = redacted.split(secret).join("[redacted]");
  return redacted;
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (LEVELS[level] < LEVELS[getEnv().LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  (level === "error" || level === "warn" ? console.error : console.log)(redactSecrets(line));
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
