// The resident pseudonym on a spend request ("kenmerk inwoner"): the team's
// prefix, a hyphen and digits, e.g. MB-014 for Mariaberg. Never a name: the
// field is checked against the team's format, so "Jan de Vries" cannot be
// saved. A team's prefix is set by the functional admin (teams.
// resident_ref_prefix); a team without one uses the prefix derived from its
// slug (the same rule that fills it in when a team is created).
import { residentRefMessages } from "./messages";

/** 1–5 capital letters. */
export const RESIDENT_REF_PREFIX_PATTERN = /^[A-Z]{1,5}$/;
/** At most 6 digits after the prefix. */
const DIGITS = "\\d{1,6}";

/**
 * The prefix for a new team (or one without): the initials of the first two
 * words of the slug ("de-heeg" → "DH", "limmel-nazareth" → "LN"), or the
 * first two letters of a one-word slug ("daalhof" → "DA").
 */
export function defaultResidentRefPrefix(slug: string): string {
  const words = slug
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter(Boolean);
  const prefix = words.length >= 2 ? words[0][0] + words[1][0] : (words[0] ?? "").slice(0, 2);
  return RESIDENT_REF_PREFIX_PATTERN.test(prefix) ? prefix : "REF";
}

export function effectiveResidentRefPrefix(team: { slug: string; residentRefPrefix: string | null }): string {
  return team.residentRefPrefix ?? defaultResidentRefPrefix(team.slug);
}

export const residentRefExample = (prefix: string) => `${prefix}-014`;

/** The reference as stored: trimmed and in capitals ("mb-14" → "MB-14"); "" stays "" (the field is optional). */
export const normaliseResidentRef = (ref: string) => ref.trim().toUpperCase();

/** Whether a (normalised) reference has the team's format; empty is allowed. */
export function isResidentRefOfTeam(ref: string, prefix: string): boolean {
  return ref === "" || new RegExp(`^${prefix}-${DIGITS}$`).test(ref);
}

/** The Dutch field error: the expected form with an example. */
export const residentRefFormatMessage = (prefix: string) => residentRefMessages.format(prefix, residentRefExample(prefix));
