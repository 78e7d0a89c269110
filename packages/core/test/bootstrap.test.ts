import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, municipalities, scopeRoles } from "@wijkwerk/db";
import { bootstrapAdmin, loadGrants, checkPasswordLogin, resetPassword } from "../src/accounts";
import { createTestDatabase, type TestDatabase } from "./db";
import { outcomeOf, testMeta } from "./fixtures";

describe("first functional admin (pnpm admin:create)", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres");
  });
  afterAll(() => t.drop());

  it("creates the municipality and an admin who sets a password through the link", async () => {
    const { token, createdUser } = await bootstrapAdmin(t.db, {
      municipalitySlug: "heerlen",
      municipalityName: "Gemeente Heerlen",
      email: "Eerste@Heerlen.nl",
      name: "Eerste Beheerder",
    });
    expect(createdUser).toBe(true);
    // No password works before the link is used.
    expect(await outcomeOf(checkPasswordLogin(t.db, { email: "eerste@heerlen.nl", password: "" }, testMeta))).toBe("login_failed");
    await resetPassword(t.db, { token, password: "Een sterk eerste wachtwoord" }, testMeta);
    const login = await checkPasswordLogin(t.db, { email: "eerste@heerlen.nl", password: "Een sterk eerste wachtwoord" }, testMeta);
    const grants = await loadGrants(t.db, login.userId);
    expect(grants?.grants.scopeRoles).toEqual([{ role: "admin", partnerId: null }]);
  });

  it("running it again gives a new link without duplicating anything", async () => {
    const again = await bootstrapAdmin(t.db, {
      municipalitySlug: "heerlen",
      municipalityName: "Gemeente Heerlen",
      email: "eerste@heerlen.nl",
      name: "Eerste Beheerder",
    });
    expect(again.createdUser).toBe(false);
    expect(await t.db.select().from(municipalities).where(eq(municipalities.slug, "heerlen"))).toHaveLength(1);
    expect(await t.db.select().from(scopeRoles).where(eq(scopeRoles.role, "admin"))).toHaveLength(1);
    expect(await outcomeOf(bootstrapAdmin(t.db, { municipalitySlug: "Heerlen!", municipalityName: "X", email: "x", name: "" }))).toBe("invalid_input");
  });
});
