import { afterEach, describe, expect, it } from "vitest";
import { serveOnLoopback } from "@/testing/harness";
import { guardedRequest } from "./pinned-request";
import { type ResolvedAddress, TargetRefused } from "./target-guard";

const servers: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function receiver(handler: Parameters<typeof serveOnLoopback>[0]) {
  const server = await serveOnLoopback(handler);
  servers.push(server);
  return { ...server, port: new URL(server.url).port };
}

/** A resolver that answers each call from a list, and counts the calls. */
function scriptedResolver(...answers: string[]) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const address = answers[Math.min(calls.length, answers.length) - 1];
    return [{ address, family: 4 }];
  };
  return { resolve, calls };
}

const post = { method: "POST", headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 5_000 };

describe("guardedRequest", () => {
  it("connects to the address that was checked, whatever the name resolves to afterwards", async () => {
    const seen: Array<{ host?: string; body: string }> = [];
    const server = await receiver((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        seen.push({ host: req.headers.host, body });
        res.writeHead(204).end();
      });
    });
    // The first answer is checked; a rebinding second answer (127.0.0.2, where nothing listens) is never asked for.
    const dns = scriptedResolver("127.0.0.1", "127.0.0.2");
    const response = await guardedRequest(`http://receiver.test:${server.port}/hook`, post, {
      allowPrivate: true,
      resolve: dns.resolve,
    });
    expect(response).toMatchObject({ status: 204, address: "127.0.0.1" });
    expect(dns.calls).toEqual(["receiver.test"]);
    // The name, not the address, is what the receiver sees: TLS and virtual hosts keep working.
    expect(seen).toEqual([{ host: `receiver.test:${server.port}`, body: "{}" }]);
  });

  it("refuses a name that resolves to a private address before any connection is made", async () => {
    let reached = false;
    const server = await receiver((_req, res) => {
      reached = true;
      res.end();
    });
    const dns = scriptedResolver("127.0.0.1");
    const attempt = guardedRequest(`https://receiver.test:${server.port}/hook`, post, {
      allowPrivate: false,
      resolve: dns.resolve,
    });
    await expect(attempt).rejects.toBeInstanceOf(TargetRefused);
    await expect(attempt).rejects.toThrow("its host receiver.test resolves to a loopback address");
    expect(reached).toBe(false);
  });

  it("answers a redirect as it is unless told to follow, and checks a followed redirect's target again", async () => {
    let final = 0;
    const target = await receiver((_req, res) => {
      final++;
      res.end("ok");
    });
    const redirecting = await receiver((_req, res) => res.writeHead(302, { location: `${target.url}/moved` }).end());
    const policy = { allowPrivate: true };

    const posted = await guardedRequest(redirecting.url, post, policy);
    expect(posted.status).toBe(302);
    expect(final).toBe(0);

    const got = await guardedRequest(redirecting.url, { ...post, method: "GET", body: undefined, maxRedirects: 2 }, policy);
    expect(got).toMatchObject({ status: 200, url: `${target.url}/moved` });
    expect(got.body.toString()).toBe("ok");

    // Each hop is checked as the first was: here its host is not one the resolver knows.
    const hop = await receiver((_req, res) => res.writeHead(307, { location: "http://elsewhere.test/admin" }).end());
    const calls: string[] = [];
    const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
      calls.push(hostname);
      return hostname === "hop.test" ? [{ address: "127.0.0.1", family: 4 }] : [];
    };
    const get = { ...post, method: "GET", body: undefined, maxRedirects: 2 };
    await expect(guardedRequest(`http://hop.test:${hop.port}/`, get, { allowPrivate: true, resolve })).rejects.toThrow(
      "its host elsewhere.test could not be resolved",
    );
    expect(calls).toEqual(["hop.test", "elsewhere.test"]);
  });

  it("gives up on a receiver that does not answer in time, and keeps only the start of a long answer", async () => {
    const silent = await receiver(() => {});
    await expect(guardedRequest(silent.url, { ...post, timeoutMs: 200 }, { allowPrivate: true })).rejects.toThrow(
      "no answer within 200 ms",
    );
    const chatty = await receiver((_req, res) => res.end("x".repeat(100_000)));
    const response = await guardedRequest(chatty.url, { ...post, maxBodyBytes: 1000 }, { allowPrivate: true });
    expect(response.body.length).toBe(1000);
  });
});
