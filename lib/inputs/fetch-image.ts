import "server-only";
import { MAX_INPUT_BYTES } from "../domain";
import { AppError } from "../errors";
import { guardedRequest } from "../net/pinned-request";
import { type TargetPolicy, TargetRefused } from "../net/target-guard";

export type ImageFetchPolicy = TargetPolicy & {
  /** The whole download, redirects included. */
  timeoutMs: number;
};

const MAX_REDIRECTS = 3;

/**
 * Downloads an image a client named by URL, through the guard: the host is resolved and every
 * address checked (no private, loopback or link-local target unless the owner's flag allows it),
 * the connection goes to the address checked, each redirect is checked again, and the size and
 * the time are bounded. Every refusal is a 4xx naming `field`.
 */
export async function fetchImage(url: string, field: string, policy: ImageFetchPolicy): Promise<Buffer> {
  let response: Awaited<ReturnType<typeof guardedRequest>>;
  try {
    response = await guardedRequest(
      url,
      {
        method: "GET",
        headers: { accept: "image/*", "user-agent": "kontext-playground" },
        timeoutMs: policy.timeoutMs,
        maxRedirects: MAX_REDIRECTS,
        maxBodyBytes: MAX_INPUT_BYTES + 1,
      },
      policy,
    );
  } catch (error) {
    if (error instanceof TargetRefused) {
      const hint = policy.allowPrivate
        ? ""
        : // In words, not the setting's name: whoever reads it may not be the one who configures the server.
          "; image URLs are fetched only from public https addresses, as this server is set up";
      throw new AppError("invalid_request", `${field} is refused: ${error.message}${hint}.`, field);
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_request", `${field} could not be fetched: ${reason}.`, field);
  }
  if (response.status >= 300 && response.status < 400)
    throw new AppError("invalid_request", `${field} could not be fetched: more than ${MAX_REDIRECTS} redirects.`, field);
  if (response.status < 200 || response.status >= 300)
    throw new AppError("invalid_request", `${field} could not be fetched: its URL answered HTTP ${response.status}.`, field);
  if (response.body.length > MAX_INPUT_BYTES)
    throw new AppError("payload_too_large", `${field}: the image at that URL is larger than ${MAX_INPUT_BYTES} bytes.`, field);
  return response.body;
}
