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
});
