// Building blocks of the success stories wall and the knowledge questions:
// a story card and its reaction buttons (aria-pressed shows the user's own reactions).
import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SelectField, SubmitButton, TextAreaField, TextField, anyText, requiredText, useFormKit } from "~/components/form";
import { Markdown } from "~/components/workgroups";
import { nl } from "~/i18n/nl";
import type { FormReply } from "~/lib/form.server";
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

/** The story form's fields as the browser checks them (the use case checks again). */
export const storySchema = z.object({
  title: requiredText(t.fieldErrors.title, 3, 200),
  body: requiredText(t.fieldErrors.body, 1, 10_000),
  teamId: anyText,
  theme: anyText,
  workgroupId: anyText,
  confirmNoPersonalData: anyText,
});

/**
 * The story form, for a new story and for editing one: title, story, team
 * (new stories only, a choice when the author has several), theme and
 * optional workgroup; the privacy override after the guard stopped the text.
 */
export function StoryForm(props: {
  reply: FormReply | undefined;
  defaultValue?: Record<string, string>;
  teams: { id: string; name: string }[];
  workgroups: { id: string; name: string }[];
  withTeam: boolean;
  submitLabel: string;
}) {
  const { reply, defaultValue, teams, workgroups, withTeam, submitLabel } = props;
  const [form, fields] = useFormKit({ schema: storySchema, lastResult: reply?.result, defaultValue });
  return (
    <>
      <FormErrors form={form} />
      <Form method="post" className="card space-y-4" {...getFormProps(form)}>
        <TextField field={fields.title} label={t.titleLabel} required />
        <TextAreaField field={fields.body} label={t.body} hint={t.bodyHint} rows={8} required />
        {withTeam ? (
          teams.length === 1 ? (
            <input type="hidden" name="teamId" value={teams[0].id} />
          ) : (
            <SelectField
              field={fields.teamId}
              label={t.team}
              hint={t.teamHint}
              selectClassName="input max-w-md"
              options={teams.map((x) => ({ value: x.id, label: x.name }))}
            />
          )
        ) : null}
        <SelectField
          field={fields.theme}
          label={t.theme}
          selectClassName="input max-w-md"
          options={Object.entries(t.themes).map(([value, label]) => ({ value, label }))}
        />
        {workgroups.length > 0 ? (
          <SelectField
            field={fields.workgroupId}
            label={t.workgroup}
            placeholder={t.noWorkgroup}
            selectClassName="input max-w-md"
            options={workgroups.map((g) => ({ value: g.id, label: g.name }))}
          />
        ) : null}
        <PrivacyOverride show={Boolean(reply?.personalData)} id="confirm-story" />
        <SubmitButton>{submitLabel}</SubmitButton>
      </Form>
    </>
  );
}
