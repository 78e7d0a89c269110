// A production start without a usable MFA_ENCRYPTION_KEY stops before it
// listens, with a message that says what to set — instead of answering 500 on
// the MFA pages, which locks out every role that requires MFA. Spawns the real
// `node server.js` on the build (run `pnpm build` first).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "wijkwerk-startup-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(extraEnv: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  if (!existsSync("build/index.js")) throw new Error("build/index.js is missing: run `pnpm build` before this test.");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: "3219",
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: path.join(dataDir, "pglite"),
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (!("MFA_ENCRYPTION_KEY" in extraEnv)) delete env.MFA_ENCRYPTION_KEY;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    // A server that starts anyway would run forever: stop it and let the assertions say so.
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

describe("production start", () => {
  it("refuses to start without MFA_ENCRYPTION_KEY, before listening or opening the database", async () => {
    const { code, out, err } = await start({});
    expect(code).toBe(1);
    expect(err).toContain("Wijkwerk start niet: MFA_ENCRYPTION_KEY ontbreekt.");
    expect(err).toContain("openssl rand -hex 32");
    expect(err).not.toMatch(/\n\s+at /); // the message, not a stack trace
    expect(out).not.toContain("draait op");
    expect(existsSync(path.join(dataDir, "pglite")) ? readdirSync(path.join(dataDir, "pglite")) : []).toEqual([]);
  }, 30_000);

  it.each([["abcd"], ["0".repeat(62)], [Buffer.alloc(16).toString("base64")]])(
    "refuses to start with a key that is not 32 bytes (%s)",
    async (key) => {
      const { code, out, err } = await start({ MFA_ENCRYPTION_KEY: key });
      expect(code).toBe(1);
      expect(err).toContain("Wijkwerk start niet: MFA_ENCRYPTION_KEY is ongeldig");
      expect(out).not.toContain("draait op");
    },
    30_000,
  );
});
