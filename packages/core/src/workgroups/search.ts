// Search across everything the user may see in the workgroups: groups
// (name, description), posts (not hidden), handbook pages, meetings (agenda,
// notes), proposals (with their outcome), decisions, success stories,
// knowledge questions and their answers, and the names of files on posts
// (the files' contents are not read: PDFs and images carry no text we index). PostgreSQL
// full-text search with the 'dutch' configuration (Snowball stemming:
// "schulden" finds "schuld"), ranked with ts_rank, with ts_headline
// snippets. RLS decides what is searched: a closed group's posts never come
// back for a non-member. Works the same on PGlite (it ships the 'dutch'
// configuration; a test runs there too).
import { queryRows, sql, withScope } from "@wijkwerk/db";
import { markdownToPlainText, type UseCaseContext } from "../common";
import { workgroupScope } from "./workgroups";

export const SEARCH_PAGE_SIZE = 20;
// Private-use characters as highlight markers: they never reach the page as
// HTML. The UI splits the snippet on them and renders <mark> elements itself,
// so every other character is text (escaped by React).
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type SearchHitKind = "workgroup" | "post" | "handbook" | "meeting" | "proposal" | "decision" | "story" | "question" | "answer" | "file";

export interface SearchHit {
  kind: SearchHitKind;
  title: string;
  /** Where the hit lives: the group's name (null for the city-wide handbook and questions), or the story's team. */
  groupName: string | null;
  link: string;
  rank: number;
  /** Text with highlight markers; see snippetParts. */
  snippet: string;
}

/** A snippet as parts to render: { text, hit } — hit parts go in <mark>; plain text, no markdown marks. */
export function snippetParts(raw: string): { text: string; hit: boolean }[] {
  const snippet = markdownToPlainText(raw);
  const parts: { text: string; hit: boolean }[] = [];
  const re = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_STOP}]*)${HIGHLIGHT_STOP}`, "gu");
  let at = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > at) parts.push({ text: snippet.slice(at, m.index), hit: false });
    parts.push({ text: m[1], hit: true });
    at = m.index! + m[0].length;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  // A stray marker typed by a user is only a character, never markup.
  return parts.map((p) => ({ ...p, text: p.text.replace(/[\uE000\uE001]/g, "") })).filter((p) => p.text.length > 0);
}

export async function searchWorkgroups(ctx: UseCaseContext, rawQuery: string, opts: { page?: number } = {}) {
  const q = rawQuery.trim().slice(0, 200);
  const page = Math.max(1, opts.page ?? 1);
  if (!q) return { query: q, items: [] as SearchHit[], total: 0, page, pages: 1 };
  return withScope(ctx.db, workgroupScope(ctx), async (tx) => {
    // websearch_to_tsquery: what people type ("schulden preventie", "-jeugd", quotes) never raises a syntax error.
    // Content of a group is searched only where the viewer may read it (workgroup_readable); group names for everyone RLS lists them to.
    const hits = sql`
      with query as (select websearch_to_tsquery('dutch', ${q}) as tsq),
      found as (
        select 'workgroup' as kind, g.name as title, g.name as group_name, '/werkgroepen/' || g.slug as link,
               ts_rank(g.search, query.tsq) as rank, g.name || '. ' || g.description as doc
        from workgroups g, query where g.search @@ query.tsq
        union all
        select 'post', coalesce(p.title, t.title), g.name, '/werkgroepen/' || g.slug || '/draad/' || coalesce(p.parent_id, p.id) || '#bericht-' || p.id,
               ts_rank(p.search, query.tsq), coalesce(p.title || '. ', '') || p.body
        from workgroup_posts p join workgroups g on g.id = p.workgroup_id
          left join workgroup_posts t on t.id = p.parent_id, query
        where p.search @@ query.tsq and p.hidden_at is null and (t.id is null or t.hidden_at is null)
        union all
        -- A file by its name ("draaiboek-schuldhulp.pdf" finds "schuldhulp"): separators become spaces before stemming.
        -- RLS hides a hidden post's files from all but its facilitators; the post's own check keeps them out of search for everyone.
        select 'file', f.file_name, g.name, '/werkgroepen/' || g.slug || '/draad/' || coalesce(fp.parent_id, fp.id) || '#bericht-' || fp.id,
               ts_rank(to_tsvector('dutch', regexp_replace(f.file_name, '[-_.]+', ' ', 'g')), query.tsq), regexp_replace(f.file_name, '[-_.]+', ' ', 'g')
        from workgroup_attachments f join workgroup_posts fp on fp.id = f.post_id join workgroups g on g.id = f.workgroup_id
          left join workgroup_posts ft on ft.id = fp.parent_id, query
        where f.deleted_at is null and to_tsvector('dutch', regexp_replace(f.file_name, '[-_.]+', ' ', 'g')) @@ query.tsq
          and fp.hidden_at is null and (ft.id is null or ft.hidden_at is null)
        union all
        select 'handbook', h.title, g.name,
               case when g.id is null then '/handboek/' || h.slug else '/werkgroepen/' || g.slug || '/handboek/' || h.slug end,
               ts_rank(h.search, query.tsq), h.title || '. ' || h.body
        from handbook_pages h left join workgroups g on g.id = h.workgroup_id, query
        where h.search @@ query.tsq
        union all
        select 'meeting', to_char(m.held_on, 'DD-MM-YYYY'), g.name, '/werkgroepen/' || g.slug || '/overleg/' || m.id,
               ts_rank(m.search, query.tsq), m.agenda || ' ' || m.notes
        from workgroup_meetings m join workgroups g on g.id = m.workgroup_id, query
        where m.search @@ query.tsq
        union all
        select 'proposal', pr.title, g.name, '/werkgroepen/' || g.slug || '/voorstellen/' || pr.id,
               ts_rank(pr.search, query.tsq), pr.title || '. ' || pr.body || coalesce(' ' || pr.outcome, '')
        from workgroup_proposals pr join workgroups g on g.id = pr.workgroup_id, query
        where pr.search @@ query.tsq
        union all
        -- A decision links to where it was taken: its meeting, else its proposal, else the group's list of decisions.
        select 'decision', left(d.text, 120), g.name,
               '/werkgroepen/' || g.slug || coalesce('/overleg/' || d.meeting_id, '/voorstellen/' || d.proposal_id, '#besluiten'),
               ts_rank(d.search, query.tsq), d.text
        from workgroup_decisions d join workgroups g on g.id = d.workgroup_id, query
        where d.search @@ query.tsq
        union all
        select 'story', s.title, st.name, '/successen/' || s.id,
               ts_rank(s.search, query.tsq), s.title || '. ' || s.body
        from success_stories s join teams st on st.id = s.team_id, query
        where s.search @@ query.tsq
        union all
        select 'question', q.title, null, '/vragen/' || q.id,
               ts_rank(q.search, query.tsq), q.title || '. ' || q.body
        from knowledge_questions q, query
        where q.search @@ query.tsq
        union all
        select 'answer', aq.title, null, '/vragen/' || aq.id || '#antwoord-' || a.id,
               ts_rank(a.search, query.tsq), a.body
        from knowledge_answers a join knowledge_questions aq on aq.id = a.question_id, query
        where a.search @@ query.tsq
      )`;
    const [{ total }] = await queryRows<{ total: number }>(tx, sql`${hits} select count(*)::int as total from found`);
    const rows = await queryRows<{ kind: SearchHitKind; title: string; group_name: string | null; link: string; rank: number; snippet: string }>(
      tx,
      sql`${hits}
        select kind, title, group_name, link, rank,
               ts_headline('dutch', doc, (select tsq from query), ${HEADLINE_OPTIONS}) as snippet
        from found order by rank desc, title asc, link asc
        limit ${SEARCH_PAGE_SIZE} offset ${(page - 1) * SEARCH_PAGE_SIZE}`,
    );
    return {
      query: q,
      items: rows.map((r): SearchHit => ({ kind: r.kind, title: r.title, groupName: r.group_name, link: r.link, rank: Number(r.rank), snippet: r.snippet })),
      total,
      page,
      pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    };
  });
}
