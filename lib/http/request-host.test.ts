import { describe, expect, it } from "vitest";
import { baseUrlFor, clientAddress, hostRefusal, parseHost, requestedHost, requestedProto } from "./request-host";

const headersOf = (entries: Record<string, string>) => new Headers(entries);
const LOOPBACK = { loopbackBind: true, trustProxy: false };

describe("hosts this server answers to", () => {
  it("on a loopback bind, only localhost, 127.0.0.1 and [::1], on any port", () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST:80"]) {
      expect(hostRefusal(headersOf({ host }), LOOPBACK), host).toBeUndefined();
    }
    for (const host of ["evil.example", "evil.example:3000", "127.0.0.1.evil.example", "192.168.1.5:3000", "", "a b"]) {
      expect(hostRefusal(headersOf({ host }), LOOPBACK), host).toMatch(/does not answer/);
    }
  });

  it("on a network bind without PUBLIC_URL, IP addresses too, which no rebinding page can use; never other names", () => {
    const rules = { loopbackBind: false, trustProxy: false };
    expect(hostRefusal(headersOf({ host: "192.168.1.5:3000" }), rules)).toBeUndefined();
    expect(hostRefusal(headersOf({ host: "[fe80::1]:3000" }), rules)).toBeUndefined();
    expect(hostRefusal(headersOf({ host: "evil.example:3000" }), rules)).toMatch(/set PUBLIC_URL/);
  });

  it("with PUBLIC_URL, only its host, and through a trusted proxy only the host the proxy names", () => {
    const rules = { publicUrl: "https://play.example.com", loopbackBind: true, trustProxy: false };
    expect(hostRefusal(headersOf({ host: "play.example.com" }), rules)).toBeUndefined();
    expect(hostRefusal(headersOf({ host: "play.example.com:443" }), rules)).toBeUndefined();
    expect(hostRefusal(headersOf({ host: "play.example.com:8443" }), rules)).toMatch(/play\.example\.com only/);
    expect(hostRefusal(headersOf({ host: "localhost:3000" }), rules)).toMatch(/PUBLIC_URL/);
    // Untrusted, X-Forwarded-Host changes nothing; trusted, it is the host that counts.
    expect(hostRefusal(headersOf({ host: "evil.example", "x-forwarded-host": "play.example.com" }), rules)).toBeDefined();
    const proxied = { ...rules, trustProxy: true };
    expect(hostRefusal(headersOf({ host: "127.0.0.1:3000", "x-forwarded-host": "play.example.com" }), proxied)).toBeUndefined();
    expect(hostRefusal(headersOf({ host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" }), proxied)).toBeDefined();
  });

  it("behind a trusted proxy without PUBLIC_URL, still checks the Host header a rebinding page would carry", () => {
    const rules = { loopbackBind: true, trustProxy: true };
    expect(hostRefusal(headersOf({ host: "rebind.evil.example:3000", "x-forwarded-host": "localhost" }), rules)).toBeDefined();
    expect(hostRefusal(headersOf({ host: "127.0.0.1:3000", "x-forwarded-host": "play.example.test" }), rules)).toBeUndefined();
  });
});

describe("links and addresses", () => {
  it("build links from PUBLIC_URL, else the host, with X-Forwarded-* only from a trusted proxy", () => {
    const fallback = "http://localhost:3000";
    const forwarded = { host: "127.0.0.1:3000", "x-forwarded-host": "play.example.test", "x-forwarded-proto": "https" };
    expect(baseUrlFor(headersOf(forwarded), { ...LOOPBACK, publicUrl: "https://p.example" }, fallback)).toBe("https://p.example");
    expect(baseUrlFor(headersOf(forwarded), LOOPBACK, fallback)).toBe("http://127.0.0.1:3000");
    expect(baseUrlFor(headersOf(forwarded), { ...LOOPBACK, trustProxy: true }, fallback)).toBe("https://play.example.test");
    expect(baseUrlFor(headersOf({ host: "evil.example" }), LOOPBACK, fallback)).toBe(fallback);
    expect(
      baseUrlFor(headersOf({ host: "127.0.0.1:3000", "x-forwarded-host": "a/b" }), { ...LOOPBACK, trustProxy: true }, fallback),
    ).toBe("http://127.0.0.1:3000");
  });

  it("behind a trusted proxy that appends, read each forwarded header from the proxy's entry (the last), never the client's", () => {
    const rules = { publicUrl: "https://play.example.com", loopbackBind: true, trustProxy: true };
    const appended = headersOf({
      host: "127.0.0.1:3000",
      "x-forwarded-host": "evil.example, play.example.com",
      "x-forwarded-proto": "http, https",
      "x-forwarded-for": "198.51.100.1, 203.0.113.9",
    });
    expect(hostRefusal(appended, rules)).toBeUndefined();
    expect(requestedHost(appended, true)).toBe("play.example.com");
    expect(requestedProto(appended, true)).toBe("https");
    expect(clientAddress(appended)).toBe("203.0.113.9");
    // The client's value last is the client's value: a client cannot put it after the proxy's.
    const forged = headersOf({ host: "127.0.0.1:3000", "x-forwarded-host": "play.example.com, evil.example" });
    expect(hostRefusal(forged, rules)).toMatch(/play\.example\.com only/);
    const open = { loopbackBind: true, trustProxy: true };
    expect(
      baseUrlFor(
        headersOf({
          host: "127.0.0.1:3000",
          "x-forwarded-host": "evil.example, play.example.test",
          "x-forwarded-proto": "http, https",
        }),
        open,
        "x",
      ),
    ).toBe("https://play.example.test");
    // Untrusted, none of them counts.
    expect(requestedHost(appended, false)).toBe("127.0.0.1:3000");
    expect(requestedProto(appended, false)).toBe("http");
  });

  it("take the client's address from the last X-Forwarded-For entry, the one the nearest proxy (or Next) wrote", () => {
    expect(clientAddress(headersOf({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(headersOf({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" }))).toBe("198.51.100.7");
    expect(clientAddress(headersOf({}))).toBe("unknown");
  });

  it("parse hosts strictly", () => {
    expect(parseHost("Example.COM:8080")).toEqual({ hostname: "example.com", port: "8080" });
    expect(parseHost("[::1]")).toEqual({ hostname: "[::1]", port: "" });
    expect(parseHost("example.com/path")).toBeUndefined();
    expect(parseHost("user@example.com")).toBeUndefined();
  });
});
