// Markdown for workgroup posts and handbook pages, rendered to HTML that is
// safe to put in the page. micromark is CommonMark-compliant and safe by
// default: raw HTML in the source is escaped (allowDangerousHtml: false) and
// link/image URLs with dangerous protocols (javascript:, data:, vbscript:)
// are dropped (allowDangerousProtocol: false). So no separate sanitiser is
// needed — the tests "markdown and mentions" in workgroups.test.ts hold it to that.
import { micromark } from "micromark";

export function renderMarkdown(source: string): string {
  return micromark(source, { allowDangerousHtml: false, allowDangerousProtocol: false });
}

/**
 * Markdown as plain text, for a snippet or preview (search results): "## Kopje", "**vet**",
 * "[tekst](https://…)", "- punt" and "> citaat" become their words. Also for a fragment cut out
 * of a text (a half link "[tekst](https://ex" or a lone "**"). Characters outside markdown —
 * the search's highlight markers among them — stay as they are.
 */
export function markdownToPlainText(source: string): string {
  return (
    source
      // images and links: keep the text, drop the address (also a link cut off before its ")")
      .replace(/!?\[([^\]]*)\]\([^)]*\)?/g, "$1")
      .replace(/\]\([^)\s]*\)?/g, "")
      // line starts: headings, quotes, list markers, rules
      .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, "")
      // a heading inside a snippet that joined title and text ("Titel. ## Kopje")
      .replace(/(?<=\s)#{2,6}[ \t]+(?=\S)/g, "")
      .replace(/^[ \t]{0,3}>[ \t]?/gm, "")
      .replace(/^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/gm, "")
      .replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, "")
      // emphasis and code marks: **, __, *, _ around words, backticks
      .replace(/(\*\*|__)(?=\S)([^]*?\S)\1/g, "$2")
      .replace(/(?<![\p{L}\p{N}])([*_])(?=\S)([^*_\n]*?\S)\1(?![\p{L}\p{N}])/gu, "$2")
      .replace(/`+/g, "")
      .replace(/\*\*|__|\[|\]/g, "")
      .replace(/[ \t]*\n+[ \t]*/g, " ")
      .replace(/[ \t]{2,}/g, " ")
      .trim()
  );
}

/** "@anouk.jansen" handles in a text, lower-cased, without trailing punctuation; not e-mail addresses. */
export function findMentions(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/gu)) {
    const handle = m[1].replace(/[._-]+$/, "").toLowerCase();
    if (handle) out.add(handle);
  }
  return [...out];
}

/** The handles a person answers to: the local part of their e-mail address and their name with dots ("Zoë Bours" → zoe.bours). */
export function handlesOf(person: { email: string; name: string }): string[] {
  const name = person.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, ".");
  return [person.email.split("@")[0].toLowerCase(), name];
}
