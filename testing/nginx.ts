import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { type RawResponse, rawRequest } from "./http-client";

/** Debian's nginx, or the one `NGINX_PATH` names (Homebrew's, on a Mac). */
const NGINX = process.env.NGINX_PATH || "/usr/sbin/nginx";

export type Nginx = {
  /** Requests through the proxy, over TLS, under the public name (as a browser on port 443 sends them). */
  request: (
    pathname: string,
    options?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => Promise<RawResponse>;
  stop: () => Promise<void>;
};

/**
 * Debian's nginx on 127.0.0.1 in front of playgrounds, as docs/DEPLOYING.md sets it up: it ends TLS
 * (a self-signed certificate for `serverName`, made here with openssl), balances over `upstreams`
 * and sets the X-Forwarded-* headers, appending to X-Forwarded-For. `passHost: false` leaves Host
 * as nginx's default (the upstream's own address), so the public name comes in X-Forwarded-Host only.
 * Its own folder, config and pid; `stop` ends exactly that process.
 */
export async function startNginx(options: {
  port: number;
  serverName: string;
  upstreams: number[];
  passHost?: boolean;
}): Promise<Nginx> {
  if (!fs.existsSync(NGINX))
    throw new Error(`${NGINX} is missing: apt-get install -y nginx (Debian's package), or set NGINX_PATH`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontext-nginx-"));
  // nginx's workers run as an unprivileged user when started as root: they must reach the temp folders.
  fs.chmodSync(dir, 0o755);
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"],
      ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      ...["-subj", `/CN=${options.serverName}`, "-addext", `subjectAltName=DNS:${options.serverName}`],
    ],
    { stdio: "ignore" },
  );
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(dir, temp), { mode: 0o777 });
  fs.writeFileSync(path.join(dir, "nginx.conf"), config(dir, options));

  const child = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk) => (errors += chunk));
  const stop = () => stopProcess(child).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    await listening(options.port, child, () => errors + readIfThere(path.join(dir, "error.log")));
  } catch (error) {
    await stop();
    throw error;
  }
  const ca = fs.readFileSync(path.join(dir, "cert.pem"), "utf8");
  const tls = { ca, servername: options.serverName };
  const request: Nginx["request"] = (pathname, init = {}) =>
    rawRequest(`https://127.0.0.1:${options.port}${pathname}`, {
      ...init,
      headers: { host: options.serverName, ...init.headers },
      tls,
    });
  return { request, stop };
}

function config(dir: string, options: { port: number; serverName: string; upstreams: number[]; passHost?: boolean }) {
  const servers = options.upstreams.map((port) => `server 127.0.0.1:${port};`).join(" ");
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream playground { ${servers} }
  server {
    listen 127.0.0.1:${options.port} ssl;
    server_name ${options.serverName};
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / {
      proxy_pass http://playground;
      ${options.passHost === false ? "" : "proxy_set_header Host $host;"}
      proxy_set_header X-Forwarded-Host $host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

async function listening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited at start:\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(true));
      socket.on("error", () => resolve(false));
      socket.on("connect", () => socket.destroy());
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on 127.0.0.1:${port}:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A quick stop of the master, which ends its worker.
  child.kill("SIGTERM");
  await exited;
}

const readIfThere = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
