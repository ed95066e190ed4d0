import { getServices } from "@/lib/composition-root";
import { otherMethods } from "@/lib/http/methods";
import { withErrors } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/**
 * The Model Context Protocol over Streamable HTTP (docs/MCP.md): POST carries JSON-RPC messages
 * (`initialize` opens a session), GET opens a session's stream for the server's messages, DELETE
 * ends a session. The proxy has decided access as for any owner route.
 */
const handle = withErrors(async (request) => getServices().mcp.handle(request));

export const POST = handle;
export const GET = handle;
export const DELETE = handle;

export const { PUT, PATCH, OPTIONS } = otherMethods({ GET, POST, DELETE });
