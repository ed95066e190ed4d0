import "server-only";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { AppError, isAppError } from "../errors";
import { log } from "../log";

/**
 * A refusal as a tool error an assistant can read and act on: the message (which names the field
 * at fault), the error code and HTTP status the served API would answer, when to come back, and the
 * budget's figures. Never a transport error: the session stays usable.
 */
export function toolError(error: unknown): CallToolResult {
  const appError = isAppError(error) ? error : unexpected(error);
  const { error_code, field, budget_usd, left_usd } = appError.toEnvelope();
  const facts = [
    `error_code: ${error_code} (HTTP ${appError.status})`,
    ...(field ? [`field: ${field}`] : []),
    ...(appError.extras.retryAfterSeconds !== undefined
      ? [`retry after: ${Math.ceil(appError.extras.retryAfterSeconds)} s`]
      : []),
    ...(budget_usd !== undefined ? [`daily budget: $${budget_usd.toFixed(2)}, left today: $${(left_usd ?? 0).toFixed(2)}`] : []),
  ];
  return { isError: true, content: [{ type: "text", text: `${appError.message}\n${facts.join("\n")}` }] };
}

function unexpected(error: unknown): AppError {
  log.error("unhandled error in an MCP tool", { error: String(error), stack: (error as Error)?.stack });
  return new AppError("internal", "Internal server error.");
}

/** Runs a tool's work; whatever it throws becomes a tool error. */
export async function answering(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work();
  } catch (error) {
    return toolError(error);
  }
}
