import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes, scriptHash } from "./script-hashes";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("inlineScriptHashes", () => {
  it("hashes each inline script's exact text once, and skips scripts with a src", () => {
    const html =
      '<script>self.__next_f.push([1,"a"])</script><script src="/_next/a.js" async></script>' +
      '<script type="text/javascript">x = "<b>"</script><script>self.__next_f.push([1,"a"])</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('self.__next_f.push([1,"a"])'), sha('x = "<b>"')]);
    expect(scriptHash("x")).toBe(sha("x"));
  });
});
