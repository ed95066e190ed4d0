import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const WEBHOOK_SECRET_FILE = "webhook-secret";

/**
 * The secret outgoing webhooks are signed with: WEBHOOK_SECRET when set, otherwise one made
 * on first start and kept in DATA_DIR (readable by its owner only), so receivers keep
 * verifying across restarts. "whsec_"-prefixed like WaveSpeed's; the HMAC key is what follows.
 */
export function loadWebhookSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(path.resolve(dataDir), WEBHOOK_SECRET_FILE);
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": when two processes start on one folder at once, one writes and both read its secret.
    fs.writeFileSync(file, `whsec_${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const written = readSecret(file);
  if (!written) throw new Error(`The webhook secret file ${file} is empty; delete it to make a new secret.`);
  return written;
}

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
