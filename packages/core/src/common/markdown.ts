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
