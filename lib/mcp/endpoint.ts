import "server-only";
import { randomUUID } from "node:crypto";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { callerFrom } from "../access/caller";
import { log } from "../log";
import type { McpDeps } from "./context";
import { buildMcpServer } from "./server";

type Session = {
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport;
  /** Who opened it: another caller presenting its id is told there is no such session. */
  caller: string | undefined;
  lastUsed: number;
};

const SESSION_HEADER = "mcp-session-id";

/**
 * `/api/mcp`: the Model Context Protocol over Streamable HTTP, with the SDK's web-standard
 * transport (a Request in, a Response out, as a route handler has them). Each client's session
 * (opened by `initialize`) has its own server, which knows the client's name; sessions live in this
 * process, the least recently used going first past `maxSessions`, and any unused for `idleMs`.
 * The proxy has already decided who may ask; this only keeps a session to the caller that opened it.
 */
export class McpEndpoint {
  /** In order of last use, oldest first. */
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly deps: McpDeps) {}

  get openSessions(): number {
    return this.sessions.size;
  }

  async handle(request: Request): Promise<Response> {
    this.closeIdle();
    const caller = callerFrom(request.headers);
    const id = request.headers.get(SESSION_HEADER);
    if (id === null) return this.open(request, caller);
    const session = this.sessions.get(id);
    if (!session || session.caller !== caller) return sessionNotFound();
    this.sessions.delete(id);
    this.sessions.set(id, { ...session, lastUsed: Date.now() });
    return session.transport.handleRequest(request);
  }

  /** A request without a session: an `initialize` opens one; anything else the transport refuses. */
  private async open(request: Request, caller: string | undefined): Promise<Response> {
    const server = buildMcpServer(this.deps);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id: string): void => this.remember(id, { server, transport, caller, lastUsed: Date.now() }),
      onsessionclosed: (id) => void this.close(id),
      maxRequestBodySize: this.deps.config.maxBodyBytes,
    });
    transport.onerror = (error) => log.debug("MCP transport refused a message", { error: String(error) });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  private remember(id: string, session: Session): void {
    this.sessions.set(id, session);
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size <= this.deps.config.maxSessions) break;
      void this.close(oldest);
    }
  }

  private closeIdle(): void {
    const before = Date.now() - this.deps.config.idleMs;
    for (const [id, session] of this.sessions) {
      if (session.lastUsed >= before) break;
      void this.close(id);
    }
  }

  /** Forgets a session and ends its streams; its client opens another with `initialize`. */
  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.server.close().catch((error) => log.debug("an MCP session did not close cleanly", { error: String(error) }));
  }

  /** Ends every session (shutdown, tests). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
  }
}

/** As the transport answers an unknown session: the client is to start again with `initialize`. */
const sessionNotFound = () =>
  Response.json({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found" }, id: null }, { status: 404 });
