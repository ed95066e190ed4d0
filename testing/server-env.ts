/**
 * What a test server inherits from the machine: where programs, home and temporary files are,
 * the user, locale and time zone. Nothing the playground reads: a developer's own DATABASE_URL,
 * S3_*, ACCESS_TOKEN or WAVESPEED_API_KEY must never reach a server a test starts.
 */
const INHERITED = ["PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "TZ"] as const;

type Source = Record<string, string | undefined>;

/** The whole environment of a test server: the machine's basics, then exactly `explicit`. */
export function serverEnv(explicit: Record<string, string>, from: Source = process.env): NodeJS.ProcessEnv {
  const inherited = INHERITED.flatMap((name) => (from[name] === undefined ? [] : [[name, from[name]]]));
  return {
    ...Object.fromEntries(inherited),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    ...explicit,
  };
}

/**
 * The same for a Playwright `webServer`, which spreads the runner's own environment beneath the
 * one it is given: every other variable is named with no value, and Node's spawn leaves those out.
 */
export function webServerEnv(explicit: Record<string, string>, from: Source = process.env): Record<string, string> {
  const env = serverEnv(explicit, from);
  const unset = Object.keys(from).filter((name) => !(name in env));
  return { ...Object.fromEntries(unset.map((name) => [name, undefined])), ...env } as Record<string, string>;
}
