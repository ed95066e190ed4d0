import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

const SITE = "https://play.example";

describe("safeReturnPath", () => {
  it.each([
    ["/history?q=fox#top", "/history?q=fox#top"],
    ["/p/abc", "/p/abc"],
    ["history", "/history"],
    [`${SITE}/history`, "/history"],
  ])("keeps %j on this site as %j", (next, path) => {
    expect(safeReturnPath(next, SITE)).toBe(path);
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\t//evil.example",
    "https://evil.example/",
    "http://play.example/",
    "javascript:alert(1)",
    "data:text/html,hi",
    "//play.example@evil.example/",
    "/.//evil.example",
    "/x/..//evil.example/p",
    "/%2e//evil.example",
    "/./\\evil.example",
  ])("sends %j to /", (next) => {
    expect(safeReturnPath(next, SITE)).toBe("/");
  });

  it("answers / for anything not a string", () => {
    for (const next of [undefined, null, 7, ["/history"], {}]) expect(safeReturnPath(next, SITE)).toBe("/");
  });

  it("percent-encodes every control character, so none can reach a Location header", () => {
    for (const next of ["/a\u0001b?c=\u007f#d\u0000", "/%0a/x", "/%0d%0aSet-Cookie:%20x=1", "/x?y=\r\nz"]) {
      const path = safeReturnPath(next, SITE);
      expect(path.startsWith("/")).toBe(true);
      expect([...path].every((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)).toBe(true);
      expect(() => new Headers({ location: path })).not.toThrow();
    }
  });
});
