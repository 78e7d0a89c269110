// Production/dev HTTP server: Express serving the Remix build. The database is
// opened (and, outside production, migrated) before the port opens, so
// /healthz answering means the app is ready.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const build = await import(path.resolve("build/index.js"));
await build.entry.module.ready();

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY so the audit log records the client's IP.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ ip: req.ip ?? null }),
  }),
);
const server = app.listen(port, host, () => console.log(`Wijkwerk draait op http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
