// A tiny round-robin HTTP proxy on node:http for the benchmark (not for
// production: use nginx or the platform's load balancer, docs/operations.md):
// each request goes to the next upstream in turn, over kept-alive
// connections, with X-Forwarded-For; the upstream's answer is streamed back.
// Counts the requests per upstream, so the benchmark can show the split.
import http from "node:http";

export interface RoundRobinProxy {
  url: string;
  /** Requests sent to each upstream, in the order given. */
  counts: number[];
  /** Sends the following requests to these upstreams (round robin from the first). */
  setUpstreams(upstreams: string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(port: number, upstreams: string[], host = "127.0.0.1"): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let targets = upstreams.map((u) => new URL(u));
  let counts = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    const target = targets[i];
    counts[i]++;
    const headers = { ...req.headers, host: target.host, "x-forwarded-for": req.socket.remoteAddress ?? "" };
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("bad gateway");
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const proxy: RoundRobinProxy = {
    url: `http://${host}:${port}`,
    counts,
    setUpstreams(list) {
      targets = list.map((u) => new URL(u));
      counts = targets.map(() => 0);
      proxy.counts = counts;
      next = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}
