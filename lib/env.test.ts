import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the local engine without a key", () => {
    const env = parseEnv({});
    expect(env.KONTEXT_ENGINE).toBe("local");
    expect(env.WAVESPEED_BASE_URL).toBe("https://api.wavespeed.ai");
    expect(env.DATA_DIR).toBe("./data");
    expect(env.PORT).toBe(3000);
  });

  it("defaults to wavespeed when a key is set", () => {
    expect(parseEnv({ WAVESPEED_API_KEY: "k" }).KONTEXT_ENGINE).toBe("wavespeed");
    expect(parseEnv({ WAVESPEED_API_KEY: "k", KONTEXT_ENGINE: "local" }).KONTEXT_ENGINE).toBe("local");
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ KONTEXT_ENGINE: "cloud" })).toThrow(/KONTEXT_ENGINE/);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
    expect(() => parseEnv({ WAVESPEED_BASE_URL: "ftp://x" })).toThrow(/WAVESPEED_BASE_URL/);
    expect(() => parseEnv({ KONTEXT_ENGINE: "wavespeed" })).toThrow(/WAVESPEED_API_KEY is required/);
  });

  it("never echoes the key in its errors", () => {
    expect(() => parseEnv({ WAVESPEED_API_KEY: "sk-secret", PORT: "x" })).toThrow(/^(?!.*sk-secret)/s);
  });

  it("reads the served contract's settings, and never echoes the webhook secret", () => {
    expect(parseEnv({})).toMatchObject({ SYNC_MODE_TIMEOUT_MS: 100_000, WEBHOOK_ALLOW_PRIVATE: false });
    expect(parseEnv({}).WEBHOOK_SECRET).toBeUndefined();
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "1", SYNC_MODE_TIMEOUT_MS: "2500" })).toMatchObject({
      WEBHOOK_ALLOW_PRIVATE: true,
      SYNC_MODE_TIMEOUT_MS: 2500,
    });
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
    expect(() => parseEnv({ WEBHOOK_SECRET: "whsec_short" })).toThrow(/^(?=.*WEBHOOK_SECRET)(?!.*whsec_short)/s);
  });

  it("treats empty strings as unset and trims PUBLIC_URL's slash", () => {
    const env = parseEnv({ WAVESPEED_API_KEY: "", PUBLIC_URL: "https://play.example.com/" });
    expect(env.KONTEXT_ENGINE).toBe("local");
    expect(env.PUBLIC_URL).toBe("https://play.example.com");
  });

  it("refuses a non-loopback HOST without ACCESS_TOKEN, naming ACCESS_TOKEN, unless ALLOW_ANONYMOUS=1", () => {
    expect(() => parseEnv({ HOST: "0.0.0.0" })).toThrow(/ACCESS_TOKEN must be set.*HOST=0\.0\.0\.0.*ALLOW_ANONYMOUS=1/);
    expect(() => parseEnv({ HOST: "192.168.1.5", ALLOW_ANONYMOUS: "0" })).toThrow(/ACCESS_TOKEN/);
    expect(parseEnv({ HOST: "0.0.0.0", ALLOW_ANONYMOUS: "1" }).ALLOW_ANONYMOUS).toBe(true);
    expect(parseEnv({ HOST: "0.0.0.0", ACCESS_TOKEN: "a-long-enough-token" }).ACCESS_TOKEN).toBe("a-long-enough-token");
    for (const HOST of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) expect(parseEnv({ HOST }).HOST).toBe(HOST);
  });

  it("wants a token of at least 16 characters, and never echoes it", () => {
    expect(() => parseEnv({ ACCESS_TOKEN: "short-secret" })).toThrow(/ACCESS_TOKEN must be at least 16 characters/);
    expect(() => parseEnv({ ACCESS_TOKEN: "short-secret" })).toThrow(/^(?!.*short-secret)/s);
  });

  it("reads the limits, with their defaults", () => {
    expect(parseEnv({})).toMatchObject({ SUBMITS_PER_MINUTE: 60, MAX_QUEUED: 200, TRUST_PROXY: false });
    expect(parseEnv({}).BUDGET_USD_PER_DAY).toBeUndefined();
    const env = parseEnv({ SUBMITS_PER_MINUTE: "5", MAX_QUEUED: "10", BUDGET_USD_PER_DAY: "2.5", TRUST_PROXY: "1" });
    expect(env).toMatchObject({ SUBMITS_PER_MINUTE: 5, MAX_QUEUED: 10, BUDGET_USD_PER_DAY: 2.5, TRUST_PROXY: true });
    expect(() => parseEnv({ BUDGET_USD_PER_DAY: "-1" })).toThrow(/BUDGET_USD_PER_DAY/);
  });

  it("reads the operator's settings: metrics token, tracing, retention, storage limit, drain", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ OTEL_SERVICE_NAME: "kontext-playground", SHUTDOWN_DRAIN_MS: 0 });
    for (const name of ["METRICS_TOKEN", "OTEL_EXPORTER_OTLP_ENDPOINT", "RETENTION_DAYS", "MAX_STORAGE_GB"] as const)
      expect(env[name]).toBeUndefined();
    expect(
      parseEnv({
        METRICS_TOKEN: "scraper-token-1234567",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
        OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc,x-team=ops",
        RETENTION_DAYS: "30",
        MAX_STORAGE_GB: "2.5",
        SHUTDOWN_DRAIN_MS: "5000",
      }),
    ).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      RETENTION_DAYS: 30,
      MAX_STORAGE_GB: 2.5,
      SHUTDOWN_DRAIN_MS: 5000,
    });
    expect(() => parseEnv({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS/);
    expect(() => parseEnv({ MAX_STORAGE_GB: "lots" })).toThrow(/MAX_STORAGE_GB/);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => parseEnv({ METRICS_TOKEN: "short-scraper" })).toThrow(/^(?=.*METRICS_TOKEN)(?!.*short-scraper)/s);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_HEADERS: "api-key" })).toThrow(/^(?=.*OTEL_EXPORTER_OTLP_HEADERS)(?!.*api-key)/s);
  });
});
