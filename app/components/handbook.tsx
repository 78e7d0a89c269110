// A handbook page: view, edit (privacy guard on save), version history with
// compare and restore, and the word diff between two versions (rendered as
// text with <ins>/<del>, never as HTML).
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, PrivacyOverride, SubmitButton, TextAreaField, TextField, anyText, requiredText, useFormKit } from "~/components/form";
import { DecisionList } from "~/components/workgroup-meetings";
import { Markdown } from "~/components/workgroups";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import type { FormReply } from "~/lib/form.server";
import type { handbookLoader } from "~/lib/handbook-route.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.handbook;
const fe = nl.workgroups.fieldErrors;

/** The page editor's fields as the browser checks them (the use case checks again). */
export const handbookSchema = z.object({
  title: requiredText(fe.title, 3, 200),
  body: requiredText(fe.body, 1, 50_000),
  baseVersion: anyText,
  confirmNoPersonalData: anyText,
  intent: anyText,
});

/** The page editor: title and text (markdown), the version it started from (a later save by someone else is refused). */
function HandbookEditor({ initial, cancelTo }: { initial: { title: string; body: string; version?: number }; cancelTo: string | null }) {
  const failed = useActionData() as FormReply | undefined;
  const [form, fields] = useFormKit({ schema: handbookSchema, lastResult: failed?.result, defaultValue: { title: initial.title, body: initial.body } });
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <FormErrors form={form} />
      {initial.version ? <input type="hidden" name="baseVersion" value={initial.version} /> : null}
      <TextField field={fields.title} label={t.title} />
      <TextAreaField field={fields.body} label={t.body} hint={t.bodyHint} rows={14} />
      <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-handbook" />
      <div className="flex gap-2">
        <SubmitButton name="intent" value="save">
          {t.save}
        </SubmitButton>
        {cancelTo ? (
          <Link to={cancelTo} className="btn btn-secondary">
            {t.cancel}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export function HandbookPageView() {
  const data = useLoaderData<Awaited<ReturnType<typeof handbookLoader>>>();
  const [params] = useSearchParams();
  const back = data.groupSlug ? (
    <Link to={`/werkgroepen/${data.groupSlug}`}>{nl.workgroups.backToGroup(data.groupName ?? "")}</Link>
  ) : (
    <Link to="/handboek">{t.cityTitle}</Link>
  );
  const editor = (initial: { title: string; body: string; version?: number }) => (
    <HandbookEditor initial={initial} cancelTo={data.mode === "page" ? `${data.base}/${data.page.slug}` : null} />
  );
  if (data.mode === "new") {
    return (
      <div className="max-w-3xl space-y-4">
        <p>{back}</p>
        <h1>{t.newPageTitle}</h1>
        <p className="hint">{nl.workgroups.privacyNote}</p>
        {editor({ title: "", body: "" })}
      </div>
    );
  }
  const { page, versions, diff } = data;
  const saved = params.get("opgeslagen");
  const restored = params.get("teruggezet");
  const latest = versions[0];
  return (
    <div className="max-w-3xl space-y-4">
      <p>{back}</p>
      {saved ? (
        <p role="status" className="alert alert-success">
          {t.saved(Number(saved))}
        </p>
      ) : restored ? (
        <p role="status" className="alert alert-success">
          {t.restored(Number(restored))}
        </p>
      ) : null}
      {data.editing ? (
        <>
          <h1>{t.editTitle(page.title)}</h1>
          <p className="hint">{nl.workgroups.privacyNote}</p>
          {editor({ title: page.title, body: page.body, version: page.version })}
        </>
      ) : (
        <>
          <h1>{page.title}</h1>
          {latest ? <p className="hint">{t.lastChanged(latest.authorName, formatDateTime(latest.createdAt), page.version)}</p> : null}
          {data.canEdit ? (
            <p>
              <Link to={`${data.base}/${page.slug}?bewerken=1`} className="btn">
                {t.edit}
              </Link>
            </p>
          ) : null}
          <div className="card">
            <Markdown html={page.html} />
          </div>
        </>
      )}

      {data.groupSlug && data.decisions.length > 0 ? (
        <section aria-labelledby="besluiten" className="space-y-2">
          <h2 id="besluiten">{t.decisions}</h2>
          <p className="hint">{t.decisionsIntro}</p>
          <DecisionList decisions={data.decisions} groupSlug={data.groupSlug} showPage={false} />
        </section>
      ) : null}

      {diff ? (
        <section aria-labelledby="verschil" className="card space-y-2">
          <h2 id="verschil">{t.diffTitle(diff.from, diff.to)}</h2>
          <p className="hint">{t.diffLegend}</p>
          <p className="whitespace-pre-wrap">
            {diff.parts.map((p, i) =>
              p.kind === "added" ? (
                <ins key={i} className="bg-green-100 text-green-900">
                  <span className="sr-only">[{t.added}: </span>
                  {p.text}
                  <span className="sr-only">]</span>
                </ins>
              ) : p.kind === "removed" ? (
                <del key={i} className="bg-red-100 text-red-900">
                  <span className="sr-only">[{t.removed}: </span>
                  {p.text}
                  <span className="sr-only">]</span>
                </del>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="versies" className="space-y-3">
        <h2 id="versies">{t.history}</h2>
        {versions.length > 1 ? (
          <Form method="get" className="flex flex-wrap items-end gap-2">
            <div className="field">
              <label htmlFor="van">{t.compareFrom}</label>
              <select id="van" name="van" className="input" defaultValue={String(diff?.from ?? versions[1].version)}>
                {versions.map((x) => (
                  <option key={x.version} value={x.version}>
                    {t.version(x.version)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="naar">{t.compareTo}</label>
              <select id="naar" name="naar" className="input" defaultValue={String(diff?.to ?? versions[0].version)}>
                {versions.map((x) => (
                  <option key={x.version} value={x.version}>
                    {t.version(x.version)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn btn-secondary">
              {t.compare}
            </button>
          </Form>
        ) : null}
        <div className="card overflow-x-auto" {...scrollRegion(t.history)}>
          <table className="table">
            <caption className="sr-only">{t.history}</caption>
            <thead>
              <tr>
                <th scope="col">{t.versionColumn}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{nl.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((x) => (
                <tr key={x.version}>
                  <th scope="row" className="text-left font-normal">
                    {t.version(x.version)}
                    {x.version === page.version ? <span className="hint"> ({t.current})</span> : null}
                    {x.restoredFrom ? <span className="hint"> – {t.restoredFrom(x.restoredFrom)}</span> : null}
                  </th>
                  <td>{x.authorName}</td>
                  <td>{formatDateTime(x.createdAt)}</td>
                  <td>
                    {data.canEdit && x.version !== page.version ? (
                      <Form method="post">
                        <input type="hidden" name="version" value={x.version} />
                        <button type="submit" name="intent" value="restore" className="btn btn-secondary">
                          {t.restoreLabel(x.version)}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
