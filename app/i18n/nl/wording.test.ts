// Plain Dutch in every text users read (issue 17): the message files (app/i18n/nl/*.ts and
// each domain's messages.ts) hold no developer words (file paths, "markdown", "outbox",
// environment variables, ISO week labels, raw ids), address people with "je"/"jij"/"jouw",
// never "u"/"uw", and abbreviate months one way only (MONTH_ABBREVIATIONS: "mrt", not "maa").
// Only the texts are scanned — string and template literals, not comments or code.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { MONTH_ABBREVIATIONS, formatDayMonth, formatWeek } from "~/lib/format";

const ROOT = path.resolve(__dirname, "../../..");
const messageFiles = [
  ...readdirSync(path.join(ROOT, "app/i18n/nl"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => `app/i18n/nl/${f}`),
  ...readdirSync(path.join(ROOT, "packages/core/src"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `packages/core/src/${d.name}/messages.ts`)
    .filter((f) => {
      try {
        readFileSync(path.join(ROOT, f));
        return true;
      } catch {
        return false;
      }
    }),
];

/** Texts for the operator's console, not for users (printed by server.js before it listens). */
const NOT_FOR_USERS = new Set(["startupErrors"]);

/** Words a user of Wijkwerk should never read, with why. */
export const FORBIDDEN: [RegExp, string][] = [
  [/docs\//i, "a path into the repository"],
  [/\.md\b/i, "a markdown file name"],
  [/markdown/i, "a developer's word for text layout"],
  [/outbox/i, "an internal queue"],
  [/webhook/i, "an integration detail"],
  [/\b[A-Z]+_[A-Z_]+\b/, "an environment variable or code constant"],
  [/\b\d{4}-W\d{2}\b/, "an ISO week label"],
  [/-W\$\{/, "an ISO week label"],
  [/\b(uuid|null|undefined|TODO|FIXME)\b/i, "a programming word"],
  [/object-id/i, "a raw id"],
];

/** Formal address: "u", "uw" (and "U"/"Uw" at the start of a sentence). */
const FORMAL = /(^|[^\p{L}\-'’])(u|uw|U|Uw)(?=$|[^\p{L}\-'’])/u;

/** Month abbreviations other than the one list: "maa", "mrt.", "jan." … */
const OTHER_MONTH_FORMS = /\b(maa|mar|mei\.|(jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.)(?=\s|$|\d)/i;

interface Text {
  file: string;
  line: number;
  text: string;
}

function textsOf(file: string): Text[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const out: Text[] = [];
  const visit = (node: ts.Node, skip: boolean) => {
    let skipHere = skip;
    if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) && ts.isIdentifier(node.name) && NOT_FOR_USERS.has(node.name.text)) skipHere = true;
    // Import paths and object keys are code, not text.
    if (ts.isImportDeclaration(node)) return;
    if (!skipHere && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !isKeyOf(node)) {
      out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    if (!skipHere && ts.isTemplateExpression(node)) {
      const text = node.head.text + node.templateSpans.map((s) => "${…}" + s.literal.text).join("");
      out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
    }
    ts.forEachChild(node, (child) => visit(child, skipHere));
  };
  visit(source, false);
  return out;
}

/** A string literal used as an object's key ("1": …) or to index something is code, not text. */
function isKeyOf(node: ts.Node): boolean {
  const parent = node.parent;
  return (ts.isPropertyAssignment(parent) && parent.name === node) || ts.isElementAccessExpression(parent) || ts.isLiteralTypeNode(parent);
}

/** Identifier-like literals ("stripe_issuing", "submitted") are values for code, not texts. */
const texts = messageFiles.flatMap(textsOf).filter((t) => !/^[a-z0-9_]+$/.test(t.text));

describe("the Dutch message files", () => {
  it("are found (app/i18n/nl and the domains' messages.ts)", () => {
    expect(messageFiles.length).toBeGreaterThan(20);
    expect(texts.length).toBeGreaterThan(1000);
  });

  it("contain no developer words", () => {
    const hits = texts.flatMap((t) => FORBIDDEN.filter(([re]) => re.test(t.text)).map(([, why]) => `${t.file}:${t.line} (${why}): ${t.text.slice(0, 120)}`));
    expect(hits).toEqual([]);
  });

  it('address people as "je", never "u" or "uw"', () => {
    const hits = texts.filter((t) => FORMAL.test(t.text)).map((t) => `${t.file}:${t.line}: ${t.text.slice(0, 120)}`);
    expect(hits).toEqual([]);
  });

  it("abbreviate months one way only", () => {
    const hits = texts.filter((t) => OTHER_MONTH_FORMS.test(t.text)).map((t) => `${t.file}:${t.line}: ${t.text.slice(0, 120)}`);
    expect(hits).toEqual([]);
  });

  it("the checks themselves catch what they are for", () => {
    expect(FORBIDDEN.some(([re]) => re.test("Wijzigingen gaan via de Stripe-outbox"))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test("beschreven in docs/partners.md"))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test("Urenregistratie 2026-W49"))).toBe(true);
    expect(FORMAL.test("Wilt u uw wachtwoord wijzigen?")).toBe(true);
    expect(FORMAL.test("Uw aanvraag is ontvangen.")).toBe(true);
    expect(FORMAL.test("Je uren zijn opgeslagen, 12 uur in totaal; u-bocht")).toBe(false);
    expect(OTHER_MONTH_FORMS.test("12 maa 2026")).toBe(true);
    expect(OTHER_MONTH_FORMS.test("12 mrt 2026")).toBe(false);
  });
});

describe("one month abbreviation and one way to name a week", () => {
  it("MONTH_ABBREVIATIONS: twelve, three or four letters, no dots", () => {
    expect(MONTH_ABBREVIATIONS).toEqual(["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]);
  });

  it("formatDayMonth and formatWeek use them", () => {
    expect(formatDayMonth("2026-03-05")).toBe("5 mrt");
    expect(formatWeek("2026-11-30")).toBe("week 49 (30 nov – 6 dec 2026)");
    expect(formatWeek("2025-12-29")).toBe("week 1 (29 dec 2025 – 4 jan 2026)");
    expect(formatWeek("2026-03-02")).toBe("week 10 (2 mrt – 8 mrt 2026)");
  });
});
