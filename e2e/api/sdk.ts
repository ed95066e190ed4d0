import { Client } from "wavespeed";
import { MODEL_ID } from "@/lib/contract";

/**
 * WaveSpeed's official JavaScript SDK (npm `wavespeed`), pointed at a playground through its
 * baseUrl option and nothing else: the way a script written for WaveSpeed would use this server.
 */
export const sdkFor = (baseUrl: string, apiKey = "any-key-is-accepted") =>
  new Client(apiKey, { baseUrl, maxConnectionRetries: 2, retryInterval: 0.2 });

export { MODEL_ID };

/** Poll faster than the SDK's default second: local tasks take a fraction of one. */
export const FAST = { pollInterval: 0.1, timeout: 60 };

/** What a rejected promise was rejected with. */
export const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: Error) => error,
  );
