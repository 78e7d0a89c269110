// The demo's MFA key (scripts/demo-key.mjs, called by scripts/demo.sh): made
// once, readable only by its owner, the same on every restart — else the TOTP
// set up by the admin and the controller could no longer be read.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "wijkwerk-demo-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (file: string) => spawnSync(process.execPath, ["scripts/demo-key.mjs", file], { encoding: "utf8" });

describe("demo MFA key", () => {
  it("is created once (32 random bytes, mode 0600) and reused on restart", () => {
    const file = path.join(dir, "sub", "demo-mfa-key");
    const first = run(file);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = run(file);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(file, "utf8").trim()).toBe(first.stdout);
    // Another demo folder gets another key.
    expect(run(path.join(dir, "other-key")).stdout).not.toBe(first.stdout);
  });

  it("refuses a damaged key file instead of silently replacing it", () => {
    const file = path.join(dir, "damaged");
    writeFileSync(file, "not a key\n");
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("geen geldige sleutel");
    expect(readFileSync(file, "utf8")).toBe("not a key\n");
  });
});
