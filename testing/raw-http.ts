import net from "node:net";

/**
 * HTTP the way a failing network sends it, over a plain socket to 127.0.0.1: a request whose
 * answer is never read, or an upload cut off half-way.
 */

/**
 * Sends a whole JSON POST and hangs up as the answer starts to arrive, before reading it: the request
 * was handled, its answer is lost. (Hanging up at once would race the server: a request whose
 * connection is gone before it is read may be dropped unhandled.)
 */
export function postAndHangUp(port: number, path: string, body: object, headers: Record<string, string> = {}): Promise<void> {
  const json = JSON.stringify(body);
  const head = Object.entries({
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(json)),
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${head}\r\n${json}`),
    );
    socket.once("data", () => {
      socket.destroy();
      resolve();
    });
    socket.on("error", reject);
  });
}

/** Announces a body, sends a part of it, and hangs up after `afterMs`: an aborted upload. */
export function abortUpload(port: number, path: string, afterMs = 300): Promise<void> {
  return send(
    port,
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"prompt":"ha`,
    afterMs,
  );
}

function send(port: number, raw: string, hangUpAfterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(raw, () =>
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, hangUpAfterMs),
      );
    });
    socket.on("error", reject);
  });
}

/**
 * Sends `requestLine` (say `GET http://evil.example/x HTTP/1.1`, which no HTTP client sends) with
 * these headers and no body, and reads the answer's status line and headers.
 */
export function sendRequestLine(
  port: number,
  requestLine: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string> }> {
  const head = Object.entries({ ...headers, Connection: "close" })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`${requestLine}\r\n${head}\r\n`));
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => {
      const [statusLine = "", ...lines] = answer.split("\r\n\r\n")[0]!.split("\r\n");
      const fields = lines.map((line): [string, string] => {
        const colon = line.indexOf(":");
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      });
      resolve({ status: Number(statusLine.split(" ")[1]), headers: Object.fromEntries(fields) });
    });
    socket.on("error", reject);
  });
}
