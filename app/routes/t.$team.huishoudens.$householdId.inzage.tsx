// The coordinator's answer to a resident's AVG request about their household:
// who looked at the file (read log, break-the-glass grants), what changed
// (audit trail), the export (JSON, printable) and erasure, which asks for the
// reference to be retyped. Anyone but the coordinator: 403 (case team,
// break-the-glass) or 404 (everyone else, from the frame and the use case).
import { getFormProps } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/confirm";
import { FormErrors, SubmitButton, TextAreaField, TextField, requiredText, useFormKit } from "~/components/form";
import { requireTeamContext } from "~/context.server";
import { caseAccessLabels, casePartLabels, eraseHousehold, householdAuditTrail, householdReadLog } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { parseSubmission, readFormData } from "~/lib/form.server";
import { pageParam, runForForm, toHttpError } from "~/lib/http.server";
import type { loader as frameLoader } from "./t.$team.huishoudens.$householdId";

const t = nl.caseworkPrivacy.inzage;

const schema = z.object({
  reason: requiredText(t.eraseReasonError, 10, 300),
  confirmReference: requiredText(t.confirmReferenceError, 1, 40),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const householdId = params.householdId ?? "";
  try {
    const log = await householdReadLog(ctx, householdId, { page: pageParam(request) });
    const trail = await householdAuditTrail(ctx, householdId);
    return {
      // Labels here: the browser bundle cannot import the core.
      log: {
        ...log,
        lines: log.lines.map((l) => ({
          id: l.id,
          userName: l.userName,
          readAt: l.readAt.toISOString(),
          part: casePartLabels[l.part] ?? l.part,
          access: caseAccessLabels[l.access] ?? l.access,
        })),
      },
      grants: log.grants.map((g) => ({ ...g, grantedAt: g.grantedAt.toISOString(), expiresAt: g.expiresAt.toISOString() })),
      trail: trail.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
      teamSlug: ctx.team.slug,
      householdId,
    };
  } catch (error) {
    return toHttpError(error);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data(submission.reply({ formErrors: [nl.common.formHasErrors] }), { status: 400 });
  const outcome = await runForForm(submission.reply, () => eraseHousehold(ctx, params.householdId ?? "", submission.value));
  if (!outcome.ok) return data(outcome.result, { status: outcome.status });
  return redirect(`/t/${ctx.team.slug}/vernietigingslog?gewist=${encodeURIComponent(outcome.value.reference)}`);
}

export default function HouseholdPrivacy() {
  const { log, grants, trail, teamSlug, householdId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFormKit({ schema, lastResult });
  const { search } = useLocation();
  const base = `/t/${teamSlug}/huishoudens/${householdId}`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="inzage-title" className="space-y-2">
        <h3 id="inzage-title">{t.title}</h3>
        <p>{t.intro}</p>
        <p>
          <Link to={`/t/${teamSlug}/vernietigingslog`}>{t.destructionLogLink}</Link>
        </p>
      </section>

      <section aria-labelledby="export-title" className="card space-y-2">
        <h4 id="export-title">{t.exportTitle}</h4>
        <p>{t.exportIntro}</p>
        <div className="flex flex-wrap gap-3">
          <a className="btn btn-secondary" href={`${base}/inzage.json`} download>
            {t.exportJson}
          </a>
          <Link className="btn btn-secondary" to={`${base}/inzage/afdrukken`}>
            {t.exportPrint}
          </Link>
        </div>
      </section>

      <section aria-labelledby="read-log-title" className="space-y-2">
        <h4 id="read-log-title">{t.readLogTitle}</h4>
        {log.total === 0 ? (
          <p>{t.readLogEmpty}</p>
        ) : (
          <>
            <table className="table">
              <caption className="sr-only">{t.readLogCaption(log.total)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.when}</th>
                  <th scope="col">{t.columns.who}</th>
                  <th scope="col">{t.columns.part}</th>
                  <th scope="col">{t.columns.right}</th>
                </tr>
              </thead>
              <tbody>
                {log.lines.map((l) => (
                  <tr key={l.id}>
                    <td>{formatDateTime(l.readAt)}</td>
                    <td>{l.userName}</td>
                    <td>{l.part}</td>
                    <td>{l.access}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={log.page} pages={log.pages} search={search} />
          </>
        )}
      </section>

      <section aria-labelledby="grants-title" className="space-y-2">
        <h4 id="grants-title">{t.grantsTitle}</h4>
        {grants.length === 0 ? (
          <p>{t.grantsEmpty}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.grantColumns.who}</th>
                <th scope="col">{t.grantColumns.reason}</th>
                <th scope="col">{t.grantColumns.from}</th>
                <th scope="col">{t.grantColumns.until}</th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id}>
                  <td>{g.userName}</td>
                  <td>{g.reason}</td>
                  <td>{formatDateTime(g.grantedAt)}</td>
                  <td>{formatDateTime(g.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="audit-title" className="space-y-2">
        <h4 id="audit-title">{t.auditTitle}</h4>
        {trail.length === 0 ? (
          <p>{t.auditEmpty}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.auditColumns.when}</th>
                <th scope="col">{t.auditColumns.who}</th>
                <th scope="col">{t.auditColumns.action}</th>
                <th scope="col">{t.auditColumns.result}</th>
              </tr>
            </thead>
            <tbody>
              {trail.map((e) => (
                <tr key={e.seq}>
                  <td>{formatDateTime(e.occurredAt)}</td>
                  <td>{e.actorName}</td>
                  <td>{nl.auditPage.actions[e.action] ?? e.action}</td>
                  <td>{t.auditResult[e.result] ?? e.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="erase-title" className="card space-y-2">
        <h4 id="erase-title">{t.eraseTitle}</h4>
        <div className="alert alert-error" role="note">
          <p>{t.eraseWarning}</p>
        </div>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextAreaField field={fields.reason} label={t.eraseReason} hint={t.eraseReasonHint} rows={2} required />
          <HouseholdReferenceField field={fields.confirmReference} />
          <SubmitButton className="btn btn-danger">{t.eraseSubmit}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

/** The reference to retype: the frame's loader has it. */
function HouseholdReferenceField({ field }: { field: Parameters<typeof TextField>[0]["field"] }) {
  const frame = useRouteLoaderData<typeof frameLoader>("routes/t.$team.huishoudens.$householdId");
  const reference = frame && "household" in frame ? frame.household.reference : "";
  return <TextField field={field} label={t.confirmReference(reference)} autoComplete="off" required />;
}
