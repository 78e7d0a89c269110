// The import-boundary rule of eslint.config.js on the layout by domain
// (packages/core/src/<domain>/index.ts), whether or not the tree has it yet.
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import plugin from "../eslint-rules/domain-boundaries.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = "/repo";
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" } });
const rule = plugin.rules["domain-boundaries"];

type Case = { file: string; code: string; allowPackageRoot?: boolean };
const valid = ({ file, code, allowPackageRoot }: Case) => ({
  name: `${file}: ${code}`,
  filename: `${ROOT}/${file}`,
  code,
  options: [{ root: ROOT, ...(allowPackageRoot ? { allowPackageRoot } : {}) }],
});
const invalid = (c: Case, messageId: string) => ({ ...valid(c), errors: [{ messageId }] });

tester.run("domain-boundaries", rule, {
  valid: [
    // (a) outside core: a domain's door by the package name.
    { file: "app/routes/gemeente.werkbudget.tsx", code: `import { approveSpend } from "@wijkwerk/core/workbudget";` },
    { file: "app/core.server.ts", code: `export * from "@wijkwerk/core/accounts";` },
    { file: "scripts/seed.ts", code: `import { seedDemo } from "@wijkwerk/core/demo";` },
    { file: "test/api.test.ts", code: `import type { Money } from "@wijkwerk/core/common";` },
    { file: "e2e/login.spec.ts", code: `const m = await import("@wijkwerk/core/accounts");` },
    { file: "app/routes/x.tsx", code: `import { x } from "@wijkwerk/core/cards/index";` },
    // Outside core, core's test support (not its source) may be used by tests.
    { file: "test/api.test.ts", code: `import { createTestDatabase } from "../packages/core/test/db";` },
    // Other packages and app's own files are no concern of this rule.
    { file: "app/routes/x.tsx", code: `import { db } from "~/db.server"; import { eq } from "@wijkwerk/db";` },
    // The root barrel only where the config still allows it (the flat layout before the move).
    { file: "app/core.server.ts", code: `export * from "@wijkwerk/core";`, allowPackageRoot: true },
    // (b) inside a domain: its own files, also in sub-folders.
    { file: "packages/core/src/workbudget/spends.ts", code: `import { post } from "./ledger-post"; import { x } from "./rules/state";` },
    { file: "packages/core/src/workbudget/rules/state.ts", code: `import { post } from "../ledger-post";` },
    // Another domain through its door.
    { file: "packages/core/src/workbudget/spends.ts", code: `import { appendAudit } from "../audit";` },
    { file: "packages/core/src/workbudget/spends.ts", code: `import { appendAudit } from "../audit/index";` },
    { file: "packages/core/src/workbudget/spends.ts", code: `import { appendAudit } from "../audit/index.ts";` },
    { file: "packages/core/src/workbudget/rules/state.ts", code: `import { DomainError } from "../../common";` },
    { file: "packages/core/src/workbudget/index.ts", code: `export { approveSpend } from "./spends"; export type { Money } from "../common";` },
    // A file directly in src/ (the flat layout of today) is in no domain.
    { file: "packages/core/src/spends.ts", code: `import { x } from "./ledger-rules"; import { y } from "./messages/workbudget";` },
    // Core's tests may reach any file of any domain.
    { file: "packages/core/test/spends.test.ts", code: `import { post } from "../src/workbudget/ledger-post"; import { y } from "../src/cards/outbox";` },
    { file: "packages/core/test/support/world.ts", code: `import { post } from "../../src/workbudget/ledger-post";` },
    { file: "packages/core/src/workbudget/spends.test.ts", code: `import { outbox } from "../cards/outbox";` },
    // (c) running code of the lower layers stays below; their tests may use core's test database.
    { file: "db/src/index.ts", code: `import { x } from "@wijkwerk/authz"; import { y } from "./schema";` },
    { file: "db/src/seed/demo.test.ts", code: `import { createTestDatabase } from "../../../packages/core/test/db";` },
    { file: "packages/authz/src/to-sql.test.ts", code: `import { createUser } from "../../core/test/fixtures";` },
    { file: "packages/core/test/workgroup-members.test.ts", code: `import { domainErrors } from "../../../app/i18n/nl/common";` },
    // Dynamic import with an expression cannot be checked and is left alone.
    { file: "app/routes/x.tsx", code: `const m = await import(name);` },
  ].map(valid),
  invalid: [
    // (a) a file inside a domain by the package name, from anywhere.
    invalid({ file: "app/routes/x.tsx", code: `import { post } from "@wijkwerk/core/workbudget/ledger-post";` }, "deepPackage"),
    invalid({ file: "scripts/ledger-check.ts", code: `export { checkLedger } from "@wijkwerk/core/workbudget/ledger-check";` }, "deepPackage"),
    invalid({ file: "test/api.test.ts", code: `const m = await import("@wijkwerk/core/accounts/api-tokens");` }, "deepPackage"),
    invalid({ file: "packages/core/src/cards/outbox.ts", code: `import { x } from "@wijkwerk/core/workbudget/spends";` }, "deepPackage"),
    // The whole of core at once.
    invalid({ file: "app/core.server.ts", code: `export * from "@wijkwerk/core";` }, "packageRoot"),
    invalid({ file: "packages/core/src/cards/outbox.ts", code: `import { x } from "../index";` }, "packageRoot"),
    // A relative path into core's source from outside it, door or not.
    invalid({ file: "test/api.test.ts", code: `import { createApiToken } from "../packages/core/src/accounts/api-tokens";` }, "relativeIntoCore"),
    invalid({ file: "test/support/app-server.ts", code: `import { seed } from "../../packages/core/src/demo";` }, "relativeIntoCore"),
    invalid({ file: "e2e/fixtures.ts", code: `import type { Money } from "../packages/core/src/common/index";` }, "relativeIntoCore"),
    invalid({ file: "app/routes/x.tsx", code: `import { x } from "../../packages/core/src/cards";` }, "relativeIntoCore"),
    // (b) another domain's internals from running code of a domain.
    invalid({ file: "packages/core/src/workbudget/spends.ts", code: `import { appendAudit } from "../audit/audit-log";` }, "otherDomainInternals"),
    invalid({ file: "packages/core/src/workbudget/rules/state.ts", code: `import { money } from "../../common/money";` }, "otherDomainInternals"),
    invalid({ file: "packages/core/src/cards/index.ts", code: `export * from "../workbudget/ledger-post";` }, "otherDomainInternals"),
    invalid({ file: "packages/core/src/cards/outbox.ts", code: `const m = await import("../notifications/delivery");` }, "otherDomainInternals"),
    // (c) the lower layers reaching up.
    invalid({ file: "db/src/seed/demo.ts", code: `import { seed } from "@wijkwerk/core/demo";` }, "layerCore"),
    invalid({ file: "db/src/index.ts", code: `import { x } from "../../packages/core/src/common";` }, "layerCore"),
    invalid({ file: "packages/authz/src/abilities.ts", code: `import type { UseCaseContext } from "@wijkwerk/core/common";` }, "layerCore"),
    invalid({ file: "db/src/index.ts", code: `import { t } from "~/i18n/nl/common";` }, "layerApp"),
    invalid({ file: "packages/authz/src/abilities.ts", code: `import { t } from "../../../app/i18n/nl/common";` }, "layerApp"),
    invalid({ file: "packages/core/src/workbudget/spends.ts", code: `import { t } from "~/i18n/nl/workbudget";` }, "layerApp"),
    invalid({ file: "packages/core/src/spends.ts", code: `import { t } from "../../../app/lib/dates";` }, "layerApp"),
  ],
});
