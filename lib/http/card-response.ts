import "server-only";
import type { Card } from "../cards/preview-cards";

/**
 * A card as PNG. Asked for by its key (`?v=`, as pages link it), it never changes: cached for good
 * and revalidated by ETag. Asked for otherwise, it may change with the run: cached for a minute.
 * `X-Kontext-Card` says whether it was drawn for this request or came from the store.
 */
export function cardResponse(request: Request, card: Card): Response {
  const asked = new URL(request.url).searchParams.get("v");
  const headers: Record<string, string> = {
    "Content-Type": "image/png",
    ETag: `"${card.key}"`,
    "Cache-Control": asked === card.key ? "public, max-age=31536000, immutable" : "public, max-age=60",
    "X-Kontext-Card": card.drawn ? "drawn" : "stored",
  };
  if (request.headers.get("if-none-match")?.includes(`"${card.key}"`)) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(card.png), { headers: { ...headers, "Content-Length": String(card.png.length) } });
}

/** `<id>.png` → the id; undefined for anything else. */
export const idOfPng = (file: string) => /^([A-Za-z0-9_-]{1,64})\.png$/.exec(file)?.[1];
