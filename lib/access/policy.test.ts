import { describe, expect, it } from "vitest";
import { audienceFor } from "./policy";

const ID = "0123456789abcdef0123456789abcdef";

describe("the access policy", () => {
  it("lets anyone read a shared prediction: its page, its JSON, its images and thumbnails", () => {
    for (const path of [`/p/${ID}`, `/api/predictions/${ID}`, `/api/images/${ID}/0.png`, `/api/thumbs/${ID}/1.webp`]) {
      expect(audienceFor("GET", path), path).toBe("anyone");
      expect(audienceFor("HEAD", path), path).toBe("anyone");
    }
  });

  it("keeps everything else the owner's, changing a shared prediction included", () => {
    const owner: [string, string][] = [
      ["GET", "/"],
      ["GET", "/history"],
      ["GET", "/api/predictions"],
      ["POST", "/api/predictions"],
      ["DELETE", `/api/predictions/${ID}`],
      ["GET", "/api/events"],
      ["GET", "/api/budget"],
      ["POST", "/api/v3/wavespeed-ai/flux-kontext-pro/text-to-image"],
      ["GET", `/api/v3/predictions/${ID}/result`],
      ["GET", `/p/${ID}/extra`],
      ["GET", `/api/predictions/${ID}/notes`],
      ["POST", `/p/${ID}`],
      ["GET", "/some/page/nobody/listed"],
    ];
    for (const [method, path] of owner) expect(audienceFor(method, path), `${method} ${path}`).toBe("owner");
  });

  it("lets a settings link's preview through, and nothing else of the playground", () => {
    expect(audienceFor("GET", "/", "?prompt=a%20fox&seed=4")).toBe("anyone");
    expect(audienceFor("HEAD", "/", "?seed=4&prompt=x")).toBe("anyone");
    for (const [method, path, search] of [
      ["GET", "/", ""],
      ["GET", "/", "?seed=4"],
      ["GET", "/", "?promptx=1"],
      ["POST", "/", "?prompt=x"],
      ["GET", "/history", "?prompt=x"],
    ])
      expect(audienceFor(method, path, search), `${method} ${path}${search}`).toBe("owner");
  });

  it("opens the way in, liveness, WaveSpeed's signed callback and the pages' own files", () => {
    expect(audienceFor("GET", "/login")).toBe("anyone");
    expect(audienceFor("POST", "/api/session")).toBe("anyone");
    expect(audienceFor("DELETE", "/api/session")).toBe("anyone");
    expect(audienceFor("GET", "/api/health")).toBe("anyone");
    expect(audienceFor("POST", "/api/webhooks/wavespeed")).toBe("anyone");
    expect(audienceFor("GET", "/_next/static/chunks/app.js")).toBe("anyone");
    expect(audienceFor("GET", "/icon.svg")).toBe("anyone");
  });
});
