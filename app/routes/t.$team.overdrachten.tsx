// The team's household transfers, for its coordinator: proposals to other
// teams (withdraw while open) and proposals from other teams (accept with a
// new regisseur from this team, or decline with a note). Anyone else: 404.
import { getFormProps } from "@conform-to/react";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { as } from "@wijkwerk/authz";
import { z } from "zod";
import { FormErrors, SelectField, SubmitButton, TextAreaField, anyText, replyFor, requiredText, useFormKit } from "~/components/form";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { acceptTransfer, declineTransfer, listTransfers, withdrawTransfer, type TransferRow } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { NO_FIELDS, parseSubmission, readFormData, runForm } from "~/lib/form.server";
import { toHttpError } from "~/lib/http.server";

const t = nl.transfers;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const acceptSchema = z.object({ regisseurId: z.string({ required_error: t.regisseurRequired }).min(1, t.regisseurRequired), note: anyText });
const declineSchema = z.object({ note: requiredText(t.noteRequired, 3, 1000) });

async function coordinatorContext(request: Request, team: string | undefined, context: unknown) {
  const ctx = await requireTeamContext(request, team, context as { ip?: string });
  if (!ctx.ability.can("transfer", as("Household", { municipalityId: ctx.team.municipalityId, teamId: ctx.team.id })))
    throw new Response("Niet gevonden", { status: 404 });
  return ctx;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await coordinatorContext(request, params.team, context);
  return { ...(await listTransfers(ctx).catch(toHttpError)), teamSlug: ctx.team.slug };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await coordinatorContext(request, params.team, context);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("transferId") ?? "");
  const here = `/t/${ctx.team.slug}/overdrachten`;
  if (intent === "accept") {
    const r = await runForm(
      parseSubmission(form, { schema: acceptSchema }),
      (v) => acceptTransfer(ctx, id, { regisseurId: v.regisseurId, note: v.note ?? "" }),
      {
        form: `accept-${id}`,
      },
    );
    return r.ok ? redirect(`${here}?aangenomen=${encodeURIComponent(r.value.toReference)}`) : r.response;
  }
  if (intent === "decline") {
    const r = await runForm(parseSubmission(form, { schema: declineSchema }), (v) => declineTransfer(ctx, id, v), { form: `decline-${id}` });
    return r.ok ? redirect(`${here}?gedaan=afgewezen`) : r.response;
  }
  if (intent === "withdraw") {
    const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () => withdrawTransfer(ctx, id), { form: `withdraw-${id}` });
    return r.ok ? redirect(`${here}?gedaan=ingetrokken`) : r.response;
  }
  throw new Response("Ongeldig verzoek", { status: 400 });
}

export default function Transfers() {
  const { incoming, outgoing, teamSlug } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const accepted = params.get("aangenomen");
  const done = accepted
    ? t.accepted(accepted)
    : params.get("gedaan") === "afgewezen"
      ? t.declined
      : params.get("gedaan") === "ingetrokken"
        ? t.withdrawn
        : null;
  return (
    <div className="max-w-3xl space-y-4">
      <h2>{t.title}</h2>
      <p>{t.intro}</p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <section aria-labelledby="incoming-heading" className="space-y-3">
        <h3 id="incoming-heading">{t.incoming}</h3>
        {incoming.length === 0 ? <p className="card">{t.noIncoming}</p> : incoming.map((r) => <TransferCard key={r.id} row={r} teamSlug={teamSlug} />)}
      </section>
      <section aria-labelledby="outgoing-heading" className="space-y-3">
        <h3 id="outgoing-heading">{t.outgoing}</h3>
        {outgoing.length === 0 ? <p className="card">{t.noOutgoing}</p> : outgoing.map((r) => <TransferCard key={r.id} row={r} teamSlug={teamSlug} />)}
      </section>
    </div>
  );
}

function TransferCard({ row, teamSlug }: { row: TransferRow; teamSlug: string }) {
  const open = row.status === "proposed";
  return (
    <article className="card space-y-2" aria-labelledby={`transfer-${row.id}`}>
      <h4 id={`transfer-${row.id}`}>
        {t.reference} {row.fromReference} <span className="badge">{t.status[row.status]}</span>
      </h4>
      <p>
        {t.from}: {row.fromTeam} · {t.to}: {row.toTeam}
      </p>
      <p className="whitespace-pre-line">
        {t.reason}: {row.reason}
      </p>
      <p className="hint">{t.proposedBy(row.proposedBy, formatDate(row.createdAt))}</p>
      {row.decidedBy && row.decidedAt ? <p className="hint">{t.decidedBy(row.decidedBy, formatDate(row.decidedAt))}</p> : null}
      {row.decisionNote ? (
        <p className="whitespace-pre-line">
          {t.note}: {row.decisionNote}
        </p>
      ) : null}
      {row.toReference ? <p>{t.newReference(row.toReference)}</p> : null}
      {row.direction === "outgoing" && open ? (
        <>
          <p>
            <Link to={`/t/${teamSlug}/huishoudens/${row.householdId}`}>{t.backToHousehold}</Link>
          </p>
          <WithdrawForm id={row.id} />
        </>
      ) : null}
      {row.direction === "incoming" && open ? (
        <div className="grid gap-4 md:grid-cols-2">
          <AcceptForm id={row.id} reference={row.fromReference} />
          <DeclineForm id={row.id} />
        </div>
      ) : null}
    </article>
  );
}

function AcceptForm({ id, reference }: { id: string; reference: string }) {
  const { regisseurs } = useLoaderData<typeof loader>();
  const name = `accept-${id}`;
  const reply = replyFor(useActionData<typeof action>(), name);
  const [form, fields] = useFormKit({ id: name, schema: acceptSchema, lastResult: reply?.result });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={t.acceptLegend(reference)}>
      <FormErrors form={form} />
      <input type="hidden" name="transferId" value={id} />
      <SelectField
        field={fields.regisseurId}
        label={t.regisseur}
        hint={t.regisseurHint}
        options={regisseurs.map((u) => ({ value: u.id, label: u.name }))}
        placeholder="—"
      />
      <TextAreaField field={fields.note} label={t.acceptNote} rows={2} />
      <SubmitButton name="intent" value="accept">
        {t.accept}
      </SubmitButton>
    </Form>
  );
}

function DeclineForm({ id }: { id: string }) {
  const name = `decline-${id}`;
  const reply = replyFor(useActionData<typeof action>(), name);
  const [form, fields] = useFormKit({ id: name, schema: declineSchema, lastResult: reply?.result });
  return (
    <Form method="post" {...getFormProps(form)} aria-label={t.decline}>
      <FormErrors form={form} />
      <input type="hidden" name="transferId" value={id} />
      <TextAreaField field={fields.note} label={t.declineNote} rows={2} />
      <SubmitButton name="intent" value="decline" className="btn btn-secondary">
        {t.decline}
      </SubmitButton>
    </Form>
  );
}

function WithdrawForm({ id }: { id: string }) {
  const reply = replyFor(useActionData<typeof action>(), `withdraw-${id}`);
  return (
    <Form method="post">
      {reply ? <FormErrors errors={reply.result.error?.[""] ?? undefined} /> : null}
      <input type="hidden" name="transferId" value={id} />
      <SubmitButton name="intent" value="withdraw" className="btn btn-secondary">
        {t.withdraw}
      </SubmitButton>
    </Form>
  );
}
