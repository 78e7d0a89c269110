// Building blocks of the success stories wall and the knowledge questions:
// a story card and its reaction buttons (aria-pressed shows the user's own reactions).
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, Markdown, SelectField } from "~/components/workgroups";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";

const t = nl.stories;

export interface StoryCardData {
  id: string;
  title: string;
  html: string;
  theme: string;
  teamName: string;
  authorName: string;
  workgroup: { slug: string; name: string } | null;
  createdAt: Date | string;
  reactions: Record<string, number>;
  myReactions: string[];
  can: { react: boolean; update: boolean; delete: boolean };
}

/** Toggle buttons, one per reaction kind; the form posts intent=react to the current route. */
export function Reactions({ story }: { story: StoryCardData }) {
  const kinds = Object.keys(t.reactions);
  return (
    <div role="group" aria-label={`${t.reactionsLabel}: ${story.title}`} className="flex flex-wrap gap-2">
      {kinds.map((kind) => {
        const n = story.reactions[kind] ?? 0;
        const mine = story.myReactions.includes(kind);
        if (!story.can.react) {
          return (
            <span key={kind} className="badge">
              {t.reactions[kind]} {n}
            </span>
          );
        }
        return (
          <Form key={kind} method="post" preventScrollReset>
            <input type="hidden" name="storyId" value={story.id} />
            <input type="hidden" name="kind" value={kind} />
            <button type="submit" name="intent" value="react" aria-pressed={mine} className={mine ? "btn" : "btn btn-secondary"}>
              {t.reactions[kind]} <span aria-hidden="true">·</span> {n}
            </button>
          </Form>
        );
      })}
    </div>
  );
}

export function StoryCard({ story, headingLevel = 2, link = true }: { story: StoryCardData; headingLevel?: 1 | 2; link?: boolean }) {
  const H = headingLevel === 1 ? "h1" : "h2";
  return (
    <article id={`verhaal-${story.id}`} className="card space-y-2" aria-labelledby={`verhaal-titel-${story.id}`}>
      <H id={`verhaal-titel-${story.id}`} className={headingLevel === 2 ? "text-lg font-semibold" : undefined}>
        {link ? <Link to={`/successen/${story.id}`}>{story.title}</Link> : story.title}
      </H>
      <p className="hint">
        {t.meta(story.teamName, formatDate(story.createdAt), story.authorName)}
        {" · "}
        <span className="badge">{t.themes[story.theme] ?? story.theme}</span>
        {story.workgroup ? (
          <>
            {" · "}
            {t.fromGroup} <Link to={`/werkgroepen/${story.workgroup.slug}`}>{story.workgroup.name}</Link>
          </>
        ) : null}
      </p>
      <Markdown html={story.html} />
      <Reactions story={story} />
    </article>
  );
}

/** Title, story, team (when the author has several), theme and optional workgroup. */
export function StoryFields({ teams, workgroups, values, errors, withTeam }: { teams: { id: string; name: string }[]; workgroups: { id: string; name: string }[]; values: Record<string, string>; errors: Record<string, string>; withTeam: boolean }) {
  return (
    <>
      <Field id="title" name="title" label={t.titleLabel} defaultValue={values.title} error={errors.title} required />
      <Field id="body" name="body" label={t.body} hint={t.bodyHint} defaultValue={values.body} error={errors.body} multiline rows={8} required />
      {withTeam ? (
        teams.length === 1 ? (
          <input type="hidden" name="teamId" value={teams[0].id} />
        ) : (
          <SelectField id="teamId" name="teamId" label={t.team} hint={t.teamHint} defaultValue={values.teamId} error={errors.teamId} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
        )
      ) : null}
      <SelectField id="theme" name="theme" label={t.theme} defaultValue={values.theme} error={errors.theme} options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))} />
      {workgroups.length > 0 ? (
        <SelectField id="workgroupId" name="workgroupId" label={t.workgroup} placeholder={t.noWorkgroup} defaultValue={values.workgroupId} error={errors.workgroupId} options={workgroups.map((g) => ({ value: g.id, label: g.name }))} />
      ) : null}
    </>
  );
}
