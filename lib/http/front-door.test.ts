import { describe, expect, it } from "vitest";
import { type ArrivingRequest, admit } from "./front-door";

const arriving = (url: string, headers: ArrivingRequest["headers"] = {}): ArrivingRequest => ({
  url,
  headers: { host: "127.0.0.1:3000", ...headers },
  socket: { remoteAddress: "127.0.0.9" },
});

describe("the front door", () => {
  it("turns an absolute-form request line into origin-form, with the host it names as Host", () => {
    const request = arriving("http://evil.example/x?y=1");
    expect(admit(request, { trustProxy: false })).toBeUndefined();
    expect(request.url).toBe("/x?y=1");
    expect(request.headers.host).toBe("evil.example");
    const own = arriving("http://127.0.0.1:3000/p/abc");
    admit(own, { trustProxy: false });
    expect([own.url, own.headers.host]).toEqual(["/p/abc", "127.0.0.1:3000"]);
  });

  it("answers 400 to a target that is neither a path nor an http(s) URL", () => {
    for (const target of ["*", "evil.example/x", "ftp://evil.example/x", ""])
      expect(admit(arriving(target), { trustProxy: false }), target).toEqual({ status: 400 });
    expect(admit(arriving("/ok"), { trustProxy: false })).toBeUndefined();
  });

  it("sends a path with repeated slashes or a backslash to its clean form, its query kept as it was", () => {
    const cases = [
      ["//evil.example/x", "/evil.example/x"],
      ["///x", "/x"],
      ["/p//abc?next=//evil.example", "/p/abc?next=//evil.example"],
      ["/a\\b", "/a/b"],
      ["/\\evil.example", "/evil.example"],
      ["http://127.0.0.1:3000//evil.example/x?y=1", "/evil.example/x?y=1"],
    ];
    for (const [target, location] of cases)
      expect(admit(arriving(target!), { trustProxy: false }), target).toEqual({ status: 308, location });
    for (const target of ["/", "/p/abc?next=//evil.example", "/api/health?x=a\\b"])
      expect(admit(arriving(target), { trustProxy: false }), target).toBeUndefined();
  });

  it("without a trusted proxy drops every forwarding header, and names the socket's address", () => {
    const request = arriving("/", {
      "x-forwarded-for": "198.51.100.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      "x-real-ip": "198.51.100.2",
      forwarded: "for=198.51.100.3",
    });
    admit(request, { trustProxy: false });
    expect(request.headers).toEqual({ host: "127.0.0.1:3000", "x-forwarded-for": "127.0.0.9" });
  });

  it("with a trusted proxy keeps, of each header, the entry the proxy added last", () => {
    const request = arriving("/", {
      "x-forwarded-for": "198.51.100.1, 203.0.113.7",
      "x-forwarded-host": "evil.example, play.example.com",
      "x-forwarded-proto": "http,https",
      "x-real-ip": "198.51.100.2",
    });
    admit(request, { trustProxy: true });
    expect(request.headers).toEqual({
      host: "127.0.0.1:3000",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-host": "play.example.com",
      "x-forwarded-proto": "https",
    });
    const direct = arriving("/");
    admit(direct, { trustProxy: true });
    expect(direct.headers["x-forwarded-for"]).toBe("127.0.0.9");
  });
});
