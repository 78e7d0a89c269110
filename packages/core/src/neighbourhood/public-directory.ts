// Reads the public team finder's data (teams serving buurten today, their
// contact details, the street list) and keeps it in memory per process, so
// /buurt stays fast and keeps answering while the database is busy: a read is
// bounded in time (statement and lock timeouts, and a wait limit for a free
// connection); until a fresh copy arrives the last one is served.
import { queryRows, sql, type Database } from "@wijkwerk/db";
import { EMPTY_CONTACT, slugify, type Directory, type DirectoryBuurt, type DirectoryTeam } from "./directory";

/** No directory could be read and none is in memory: the page answers 503 (try again shortly). */
export class DirectoryUnavailableError extends Error {
  readonly status = 503;
  constructor(cause?: unknown) {
    super("public directory unavailable", { cause });
  }
}

/** No municipality with that slug (or none at all). */
export class DirectoryNotFoundError extends Error {
  readonly status = 404;
}

/**
 * One read, one short transaction in the 'public' scope (RLS: the
 * municipality's reference data only). `municipalitySlug` null = the oldest
 * municipality (a single-municipality installation).
 */
export async function loadPublicDirectory(db: Database, municipalitySlug: string | null, opts: { statementTimeoutMs?: number } = {}): Promise<Directory> {
  const timeout = String(opts.statementTimeoutMs ?? 3000);
  return db.transaction(async (tx) => {
    // Never wait long behind a lock or a slow plan: the cache serves the last copy meanwhile.
    await tx.execute(sql`select set_config('statement_timeout', ${timeout}, true), set_config('lock_timeout', ${timeout}, true)`);
    const [m] = await queryRows<{ id: string; slug: string; name: string }>(
      tx,
      municipalitySlug
        ? sql`select id, slug, name from municipalities where slug = ${municipalitySlug}`
        : sql`select id, slug, name from municipalities order by created_at, slug limit 1`,
    );
    if (!m) throw new DirectoryNotFoundError("municipality not found");
    // From here on as app_user in the public scope, so row-level security applies.
    await tx.execute(sql`select set_config('app.scope', 'public', true), set_config('app.municipality_id', ${m.id}, true),
      set_config('app.tenant_id', '', true), set_config('app.partner_id', '', true), set_config('app.user_id', '', true), set_config('role', 'app_user', true)`);
    const [{ today }] = await queryRows<{ today: string }>(tx, sql`select current_date::text as today`);
    const teamRows = await queryRows<{
      id: string;
      slug: string;
      name: string;
      description: string;
      address: string | null;
      phone: string | null;
      email: string | null;
      walk_in_hours: string | null;
      languages: string[] | null;
      helps_with: string[] | null;
    }>(
      tx,
      sql`select t.id, t.slug, t.name, t.description, c.address, c.phone, c.email, c.walk_in_hours, c.languages, c.helps_with
          from teams t left join team_contacts c on c.team_id = t.id
          where t.municipality_id = ${m.id} and t.active_from <= current_date and (t.active_to is null or t.active_to >= current_date)
          order by t.name`,
    );
    const buurtRows = await queryRows<{ id: string; name: string; team_id: string | null }>(
      tx,
      sql`select b.id, b.name, (select a.team_id from buurt_assignments a where a.buurt_id = b.id and a.valid_from <= current_date
              and (a.valid_to is null or a.valid_to >= current_date) order by a.valid_from desc limit 1) as team_id
          from buurten b where b.municipality_id = ${m.id} order by b.name`,
    );
    const streetRows = await queryRows<{ buurt_id: string; name: string }>(
      tx,
      sql`select buurt_id, name from streets where municipality_id = ${m.id} order by name`,
    );
    const streetsByBuurt = new Map<string, string[]>();
    for (const s of streetRows) streetsByBuurt.set(s.buurt_id, [...(streetsByBuurt.get(s.buurt_id) ?? []), s.name]);
    const activeTeam = new Map(teamRows.map((t) => [t.id, t]));
    const buurten: DirectoryBuurt[] = buurtRows.map((b) => {
      const team = b.team_id ? activeTeam.get(b.team_id) : undefined;
      return { slug: slugify(b.name), name: b.name, teamSlug: team?.slug ?? null, streets: streetsByBuurt.get(b.id) ?? [] };
    });
    const teams: DirectoryTeam[] = teamRows.map((t) => ({
      slug: t.slug,
      name: t.name,
      description: t.description,
      contact:
        t.address === null
          ? EMPTY_CONTACT
          : {
              address: t.address,
              phone: t.phone ?? "",
              email: t.email ?? "",
              walkInHours: t.walk_in_hours ?? "",
              languages: t.languages ?? [],
              helpsWith: t.helps_with ?? [],
            },
      buurten: buurten.filter((b) => b.teamSlug === t.slug).map((b) => ({ slug: b.slug, name: b.name })),
    }));
    return { municipality: { slug: m.slug, name: m.name }, teams, buurten, asOf: today };
  });
}

export interface DirectoryCacheOptions {
  /** How long a copy counts as fresh. */
  ttlMs: number;
  /** How long a request waits for a fresh copy before it gets the last one. */
  staleWaitMs: number;
  /** How long the very first request waits (no copy yet) before the page answers 503. */
  firstWaitMs: number;
  statementTimeoutMs: number;
}

interface Entry {
  value?: Directory;
  loadedAt: number;
  pending?: Promise<Directory>;
}

/**
 * The per-process copy of the directory, per municipality. At most one read
 * at a time per municipality; a read that fails keeps the last copy.
 */
export function createDirectoryCache(options: DirectoryCacheOptions, now: () => number = Date.now) {
  const entries = new Map<string, Entry>();
  const key = (slug: string | null) => slug ?? "";

  function refresh(db: Database, slug: string | null, entry: Entry): Promise<Directory> {
    entry.pending ??= loadPublicDirectory(db, slug, { statementTimeoutMs: options.statementTimeoutMs })
      .then((value) => {
        entry.value = value;
        entry.loadedAt = now();
        return value;
      })
      .finally(() => {
        entry.pending = undefined;
      });
    return entry.pending;
  }

  return {
    async get(db: Database, slug: string | null): Promise<Directory> {
      let entry = entries.get(key(slug));
      if (!entry) entries.set(key(slug), (entry = { loadedAt: 0 }));
      if (entry.value && now() - entry.loadedAt < options.ttlMs) return entry.value;
      const fresh = refresh(db, slug, entry);
      const stale = entry.value;
      const waitMs = stale ? options.staleWaitMs : options.firstWaitMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), waitMs)));
      try {
        const result = await Promise.race([fresh, timedOut]);
        if (result !== "timeout") return result;
        if (stale) return stale;
        throw new DirectoryUnavailableError();
      } catch (error) {
        if (error instanceof DirectoryNotFoundError || error instanceof DirectoryUnavailableError) throw error;
        if (stale) return stale;
        throw new DirectoryUnavailableError(error);
      } finally {
        clearTimeout(timer);
        // A read still running after we stopped waiting must not become an unhandled rejection.
        fresh.catch(() => {});
      }
    },
    /** After a coordinator or the admin changed something: the next request reads again. */
    invalidate() {
      for (const entry of entries.values()) entry.loadedAt = 0;
    },
  };
}

export type DirectoryCache = ReturnType<typeof createDirectoryCache>;
