import { describe, expect, it } from "vitest";
import { bearerToken, sameSecret, sessionPassword } from "./secrets";
import { newSession, sealSession, unsealSession } from "./session";

const TOKEN = "owner-token-1234567890";

describe("secrets", () => {
  it("compare tokens whatever their length", () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameSecret("", TOKEN)).toBe(false);
  });

  it("read only a Bearer authorization", () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer  ${TOKEN} `)).toBe(TOKEN);
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });

  it("derive the cookie key from the token: another token means another key", () => {
    expect(sessionPassword(TOKEN)).toHaveLength(64);
    expect(sessionPassword(TOKEN)).toBe(sessionPassword(TOKEN));
    expect(sessionPassword(TOKEN)).not.toBe(sessionPassword(`${TOKEN}!`));
    expect(sessionPassword(TOKEN)).not.toContain(TOKEN);
  });
});

describe("sealed sessions", () => {
  it("open with the key that sealed them, and with no other", async () => {
    const session = newSession();
    const sealed = await sealSession(session, sessionPassword(TOKEN));
    expect(sealed).not.toContain(session.sid);
    expect(await unsealSession(sealed, sessionPassword(TOKEN))).toEqual(session);
    expect(await unsealSession(sealed, sessionPassword("another-token-0987654321"))).toBeUndefined();
  });

  it("refuse a cookie that was changed or made up", async () => {
    const sealed = await sealSession(newSession(), sessionPassword(TOKEN));
    const flipped = sealed.slice(0, 40) + (sealed[40] === "A" ? "B" : "A") + sealed.slice(41);
    expect(await unsealSession(flipped, sessionPassword(TOKEN))).toBeUndefined();
    expect(await unsealSession("owner", sessionPassword(TOKEN))).toBeUndefined();
    expect(await unsealSession("", sessionPassword(TOKEN))).toBeUndefined();
  });
});
