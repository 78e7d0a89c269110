// The public team finder's data and its pure rules: which team serves a buurt
// today, and the search over buurt and street names. No personal data: teams,
// buurten, streets and the teams' own contact details only.

export interface PublicContact {
  address: string;
  phone: string;
  email: string;
  walkInHours: string;
  languages: string[];
  helpsWith: string[];
}

export interface DirectoryTeam {
  slug: string;
  name: string;
  description: string;
  contact: PublicContact;
  /** The buurten it serves today, by name. */
  buurten: { slug: string; name: string }[];
}

export interface DirectoryBuurt {
  slug: string;
  name: string;
  /** The team that serves it today; null when no team does. */
  teamSlug: string | null;
  /** Street names in this buurt (the admin's street list). */
  streets: string[];
}

export interface Directory {
  municipality: { slug: string; name: string };
  teams: DirectoryTeam[];
  buurten: DirectoryBuurt[];
  /** The day "today" was when it was read (ISO date). */
  asOf: string;
}

export const EMPTY_CONTACT: PublicContact = { address: "", phone: "", email: "", walkInHours: "", languages: [], helpsWith: [] };

/** Lower case, no accents, hyphens and runs of spaces as one space: "Belvédère" finds "belvedere". */
export function normaliseName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[-'’.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A URL slug from a buurt's name: "Sint Maartenspoort" → "sint-maartenspoort", "Belvédère" → "belvedere". */
export function slugify(name: string): string {
  return normaliseName(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface SearchHit {
  kind: "buurt" | "street";
  /** What matched: the buurt's or the street's name. */
  name: string;
  buurt: { slug: string; name: string };
  team: { slug: string; name: string } | null;
}

export const MAX_HITS = 20;

/**
 * Buurten and streets whose name contains the query (accents and case
 * ignored); names that start with it come first. At most MAX_HITS.
 */
export function searchDirectory(dir: Directory, query: string): SearchHit[] {
  const q = normaliseName(query);
  if (q.length < 2) return [];
  const teamBySlug = new Map(dir.teams.map((t) => [t.slug, t]));
  const hits: (SearchHit & { rank: number })[] = [];
  for (const b of dir.buurten) {
    const team = b.teamSlug ? (teamBySlug.get(b.teamSlug) ?? null) : null;
    const teamRef = team ? { slug: team.slug, name: team.name } : null;
    const n = normaliseName(b.name);
    if (n.includes(q)) hits.push({ kind: "buurt", name: b.name, buurt: { slug: b.slug, name: b.name }, team: teamRef, rank: n.startsWith(q) ? 0 : 1 });
    for (const s of b.streets) {
      const sn = normaliseName(s);
      if (sn.includes(q)) hits.push({ kind: "street", name: s, buurt: { slug: b.slug, name: b.name }, team: teamRef, rank: sn.startsWith(q) ? 2 : 3 });
    }
  }
  hits.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, "nl") || a.buurt.name.localeCompare(b.buurt.name, "nl"));
  return hits.slice(0, MAX_HITS).map(({ rank: _rank, ...hit }) => hit);
}

export function findBuurt(dir: Directory, slug: string): DirectoryBuurt | null {
  return dir.buurten.find((b) => b.slug === slug) ?? null;
}

export function findTeam(dir: Directory, slug: string): DirectoryTeam | null {
  return dir.teams.find((t) => t.slug === slug) ?? null;
}
