import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/client";
import type { SessionRepo } from "../db/session-repo";
import { SqliteSessionRepo } from "../db/sqlite-session-repo";
import { AccessService } from "./access-service";
import { CALLER_HEADER } from "./caller";
import { decide, type GateDecision, type GateRequest } from "./gate";
import { perMinuteInMemory } from "./limiter";

const TOKEN = "owner-token-1234567890";
const HOST = "127.0.0.1:3000";
const ORIGIN = `http://${HOST}`;
const ID = "0123456789abcdef0123456789abcdef";

/** Sessions in a real SQLite database, one per test unless a test shares one between two services. */
const sessionStore = () => new SqliteSessionRepo(openDatabase(":memory:"));

function access(options: { token?: string; publicUrl?: string; sessions?: SessionRepo; metricsToken?: string } = {}) {
  const config = {
    accessToken: options.token,
    metricsToken: options.metricsToken,
    hosts: { publicUrl: options.publicUrl, loopbackBind: true, trustProxy: false },
    https: options.publicUrl?.startsWith("https://") ?? false,
    development: false,
  };
  return new AccessService(config, perMinuteInMemory(10), options.sessions ?? sessionStore());
}

function request(method: string, path: string, headers: Record<string, string> = {}, sessionCookie?: string): GateRequest {
  const url = new URL(path, ORIGIN);
  const all = new Headers({ host: HOST, "x-forwarded-for": "203.0.113.5", ...headers });
  return { method, pathname: url.pathname, search: url.search, headers: all, sessionCookie };
}

const kind = (decision: GateDecision) => (decision.kind === "refuse" ? decision.error.status : decision.kind);
const callerOf = (decision: GateDecision) => (decision.kind === "pass" ? decision.requestHeaders.get(CALLER_HEADER) : undefined);
const JSON_TYPE = { "content-type": "application/json" };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("the gate without ACCESS_TOKEN", () => {
  it("treats everyone who reaches it as the owner, counted by address", async () => {
    const decision = await decide(access(), request("GET", "/history"));
    expect(kind(decision)).toBe("pass");
    expect(callerOf(decision)).toBe("address:203.0.113.5");
  });

  it("still refuses other hosts, non-JSON bodies and other sites' pages", async () => {
    const gate = access();
    expect(kind(await decide(gate, request("GET", "/", { host: "evil.example" })))).toBe(421);
    const form = { "content-type": "text/plain", "content-length": "20" };
    expect(kind(await decide(gate, request("POST", "/api/predictions", form)))).toBe(415);
    expect(kind(await decide(gate, request("POST", "/api/predictions", {})))).toBe(415);
    expect(kind(await decide(gate, request("POST", "/api/predictions", { ...JSON_TYPE, "sec-fetch-site": "cross-site" })))).toBe(
      403,
    );
    expect(kind(await decide(gate, request("POST", "/api/predictions", { ...JSON_TYPE, origin: "https://evil.example" })))).toBe(
      403,
    );
    expect(kind(await decide(gate, request("POST", "/api/predictions", JSON_TYPE)))).toBe("pass");
    // No form can send a DELETE, and a script on another site would need a preflight.
    expect(kind(await decide(gate, request("DELETE", `/api/predictions/${ID}`)))).toBe("pass");
    expect(kind(await decide(gate, request("DELETE", `/api/predictions/${ID}`, { "content-type": "text/plain" })))).toBe(415);
  });

  it("puts the security headers and a fresh nonce on every response", async () => {
    const first = await decide(access(), request("GET", "/"));
    const second = await decide(access(), request("GET", "/"));
    const csp = first.responseHeaders["Content-Security-Policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline' 'nonce");
    expect(csp).not.toBe(second.responseHeaders["Content-Security-Policy"]);
    expect(first.responseHeaders).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
    expect(first.responseHeaders["Strict-Transport-Security"]).toBeUndefined();
    if (first.kind !== "pass") throw new Error("not passed");
    expect(csp).toContain(`'nonce-${first.requestHeaders.get("x-nonce")}'`);
    expect(first.requestHeaders.get("content-security-policy")).toBe(csp);

    const https = await decide(
      access({ publicUrl: "https://play.example.com" }),
      request("GET", "/", { host: "play.example.com" }),
    );
    expect(https.responseHeaders["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(https.responseHeaders["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
});

describe("the gate with ACCESS_TOKEN", () => {
  it("lets a guest read shared things and nothing else: 401 from the API, sign-in for pages", async () => {
    const gate = access({ token: TOKEN });
    const shared = await decide(gate, request("GET", `/p/${ID}`));
    expect(kind(shared)).toBe("pass");
    expect(callerOf(shared)).toBeNull();
    expect(kind(await decide(gate, request("GET", `/api/images/${ID}/0.png`)))).toBe("pass");
    expect(kind(await decide(gate, request("GET", "/api/predictions")))).toBe(401);
    expect(kind(await decide(gate, request("DELETE", `/api/predictions/${ID}`)))).toBe(401);
    const page = await decide(gate, request("GET", "/history?q=fox"));
    expect(page).toMatchObject({ kind: "sign-in", returnTo: "/history?q=fox" });
  });

  it("knows the owner by Bearer token, and a header a client made up counts for nothing", async () => {
    const gate = access({ token: TOKEN });
    const decision = await decide(gate, request("POST", "/api/predictions", { ...JSON_TYPE, ...bearer(TOKEN) }));
    expect(callerOf(decision)).toBe("token");
    const forged = await decide(gate, request("GET", `/p/${ID}`, { [CALLER_HEADER]: "token" }));
    expect(callerOf(forged)).toBeNull();
  });

  it("answers wrong tokens with 401, and from the eleventh try in a minute with 429 and Retry-After", async () => {
    const gate = access({ token: TOKEN });
    for (let i = 0; i < 10; i++)
      expect(kind(await decide(gate, request("GET", "/api/predictions", bearer(`wrong-${i}`))))).toBe(401);
    const limited = await decide(gate, request("GET", "/api/predictions", bearer(TOKEN)));
    expect(kind(limited)).toBe(429);
    if (limited.kind !== "refuse") throw new Error("not refused");
    expect(Number(limited.error.headers()["Retry-After"])).toBeGreaterThan(0);
    // Another address is not held back.
    expect(
      kind(await decide(gate, request("GET", "/api/predictions", { ...bearer(TOKEN), "x-forwarded-for": "198.51.100.1" }))),
    ).toBe("pass");
  });

  it("knows the owner by session cookie, but only from this site's own pages for changes", async () => {
    const gate = access({ token: TOKEN });
    const cookie = await gate.signIn(TOKEN, "203.0.113.5");
    expect(cookie).toBeDefined();
    const read = await decide(gate, request("GET", "/api/predictions", {}, cookie));
    expect(callerOf(read)).toMatch(/^session:[0-9a-f]{32}$/);

    const submit = (headers: Record<string, string>) =>
      decide(gate, request("POST", "/api/predictions", { ...JSON_TYPE, ...headers }, cookie));
    expect(kind(await submit({ "sec-fetch-site": "same-origin" }))).toBe("pass");
    expect(kind(await submit({ origin: ORIGIN }))).toBe("pass");
    expect(kind(await submit({}))).toBe(403);
    expect(kind(await submit({ "sec-fetch-site": "same-site" }))).toBe(403);
    // A cookie sealed for another token is no session here.
    const stranger = await access({ token: "another-token-0987654321" }).signIn("another-token-0987654321", "x");
    expect(callerOf(await decide(gate, request("GET", `/p/${ID}`, {}, stranger)))).toBeNull();
  });

  it("ends a session on sign-out for every copy of its cookie, and every session on sign-out everywhere", async () => {
    const gate = access({ token: TOKEN });
    const ownerOf = async (cookie: string | undefined) =>
      callerOf(await decide(gate, request("GET", "/api/predictions", {}, cookie)));
    const [laptop, phone, tablet] = await Promise.all([1, 2, 3].map(() => gate.signIn(TOKEN, "203.0.113.5")));
    for (const cookie of [laptop, phone, tablet]) expect(await ownerOf(cookie)).toMatch(/^session:/);

    // A copy of the laptop's cookie, kept from before sign-out, is a guest's from then on.
    await gate.signOut(laptop);
    expect(kind(await decide(gate, request("GET", "/api/predictions", {}, laptop)))).toBe(401);
    expect(await ownerOf(phone)).toMatch(/^session:/);
    await gate.signOut(laptop);
    await gate.signOut("not a sealed cookie");

    expect(await gate.signOutEverywhere()).toBe(2);
    for (const cookie of [phone, tablet])
      expect(kind(await decide(gate, request("GET", "/api/predictions", {}, cookie)))).toBe(401);
    // The token still works, and a new sign-in gives a live session.
    expect(callerOf(await decide(gate, request("GET", "/api/predictions", bearer(TOKEN))))).toBe("token");
    expect(await ownerOf(await gate.signIn(TOKEN, "203.0.113.5"))).toMatch(/^session:/);
  });

  it("ends every session when the token changes, though their records are still live", async () => {
    const sessions = sessionStore();
    const cookie = await access({ token: TOKEN, sessions }).signIn(TOKEN, "203.0.113.5");
    const changed = access({ token: "a-new-owner-token-5555", sessions });
    expect(callerOf(await decide(changed, request("GET", `/p/${ID}`, {}, cookie)))).toBeNull();
  });

  it("refuses a wrong token at sign-in the same way, and gives no cookie", async () => {
    const gate = access({ token: TOKEN });
    await expect(gate.signIn("not-the-token", "192.0.2.1")).rejects.toMatchObject({ status: 401, field: "token" });
  });
});

describe("the gate at /metrics", () => {
  const SCRAPER = "scraper-token-abcdef123456";

  it("answers a guest 401 (no sign-in page: a scraper cannot sign in), and lets the owner's token through", async () => {
    const gate = access({ token: TOKEN });
    const guest = await decide(gate, request("GET", "/metrics"));
    expect(kind(guest)).toBe(401);
    if (guest.kind !== "refuse") throw new Error("not refused");
    expect(guest.error.message).toContain("METRICS_TOKEN");
    expect(callerOf(await decide(gate, request("GET", "/metrics", bearer(TOKEN))))).toBe("token");
  });

  it("lets METRICS_TOKEN read /metrics as no one in particular, and nothing else", async () => {
    const gate = access({ token: TOKEN, metricsToken: SCRAPER });
    const scraper = await decide(gate, request("GET", "/metrics", bearer(SCRAPER)));
    expect(kind(scraper)).toBe("pass");
    expect(callerOf(scraper)).toBeNull();
    // Anywhere else it is a wrong owner's token, counted as one.
    expect(kind(await decide(gate, request("GET", "/api/predictions", bearer(SCRAPER))))).toBe(401);
    expect(kind(await decide(gate, request("GET", "/api/health?reset", bearer(SCRAPER))))).toBe(401);
    expect(kind(await decide(gate, request("POST", "/metrics", { ...JSON_TYPE, ...bearer(SCRAPER) })))).toBe(401);
    expect(kind(await decide(gate, request("GET", "/metrics", bearer("not-the-scraper-token"))))).toBe(401);
  });

  it("answers a load balancer or a scraper at an instance's address, where PUBLIC_URL names the host pages answer to", async () => {
    const gate = access({ token: TOKEN, publicUrl: "https://play.example.com", metricsToken: SCRAPER });
    const at = (path: string, host: string, headers: Record<string, string> = {}) =>
      decide(gate, request("GET", path, { host, ...headers }));
    expect(kind(await at("/api/ready", "10.0.0.5:3000"))).toBe("pass");
    expect(kind(await at("/api/health", "[fd00::5]:3000"))).toBe("pass");
    expect(kind(await at("/metrics", "10.0.0.5:3000", bearer(SCRAPER)))).toBe("pass");
    expect(kind(await at("/metrics", "10.0.0.5:3000"))).toBe(401);
    // Only those paths, and only at an address: a name is a page's to use, and must be PUBLIC_URL's.
    expect(kind(await at("/", "10.0.0.5:3000"))).toBe(421);
    expect(kind(await at(`/p/${ID}`, "10.0.0.5:3000"))).toBe(421);
    expect(kind(await at("/metrics", "evil.example", bearer(SCRAPER)))).toBe(421);
  });

  it("is open on an open loopback server, like everything else, and readiness is open to anyone", async () => {
    expect(kind(await decide(access({ metricsToken: SCRAPER }), request("GET", "/metrics")))).toBe("pass");
    expect(kind(await decide(access({ token: TOKEN }), request("GET", "/api/ready")))).toBe("pass");
  });
});
