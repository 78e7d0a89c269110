// The in-process cache of the casework tables (docs/figures.md, "The cache"):
// a bounded LRU per database handle, keyed by the view and the exact list of
// (team, version) read under row-level security in the request's own
// transaction. An entry is never invalidated: a change to a team's figures
// bumps its version (trigger on casework_month_figures, migration
// casework_figures_versions), so the next request asks for another key and the
// old entry ages out. Concurrent misses of one key share one read.
import type { Database } from "@wijkwerk/db";
import type { FigureTable } from "./types";

/** At most this many entries per database… */
const MAX_ENTRIES = 200;
/** …and this many cells in all (a city's ten years is ≈ 100.000 cells: ~10 MB). */
const MAX_CELLS = 2_000_000;

export interface CaseworkCacheStats {
  hits: number;
  misses: number;
  entries: number;
  cells: number;
}

interface Entry {
  tables: readonly FigureTable[];
  cells: number;
}

class TablesCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<readonly FigureTable[]>>();
  private cells = 0;
  hits = 0;
  misses = 0;

  async get(key: string, build: () => Promise<FigureTable[]>): Promise<readonly FigureTable[]> {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.tables;
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      this.hits++;
      // The other request's read failed (its transaction, not the key): read for ourselves.
      return inFlight.catch(() => build());
    }
    this.misses++;
    const promise = build().then((tables) => this.put(key, tables));
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }

  private put(key: string, built: FigureTable[]): readonly FigureTable[] {
    // Frozen: every request shares these objects, so none may change them.
    const tables = deepFreeze(built);
    const cells = built.reduce((s, t) => s + [...t.rows, t.totals, t.average].reduce((c, r) => c + (r?.cells.length ?? 0), 0), 0);
    if (cells > MAX_CELLS) return tables;
    this.entries.set(key, { tables, cells });
    this.cells += cells;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.cells <= MAX_CELLS) break;
      this.entries.delete(oldest);
      this.cells -= entry.cells;
    }
    return tables;
  }

  clear(): void {
    this.entries.clear();
    this.cells = 0;
  }

  stats(): CaseworkCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, cells: this.cells };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One cache per database handle: two databases in one process (tests, a bench) never share an entry. */
const caches = new WeakMap<Database, TablesCache>();
const cacheFor = (db: Database) => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new TablesCache()));
  return cache;
};

/** The casework tables under `key`, built by `build` on a miss (one build per key at a time). */
export const cachedCaseworkTables = (db: Database, key: string, build: () => Promise<FigureTable[]>) => cacheFor(db).get(key, build);

/** Hits, misses and size of a database's cache (tests, bench:analytics). */
export const caseworkFiguresCacheStats = (db: Database): CaseworkCacheStats => cacheFor(db).stats();

/** Empties a database's cache, keeping its counts (bench:analytics: a cold request; tests: an uncached report). */
export const clearCaseworkFiguresCache = (db: Database): void => cacheFor(db).clear();
