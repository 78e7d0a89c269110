// One offer or request: its matches (with their steps) and, for an open
// request, the suggested offers to match it with.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SuccessNotice } from "~/components/notice";
import { CardListSection } from "~/components/card-list";
import { requireTeamContext } from "~/context.server";
import { closeBuurtserviceEntry, getBuurtserviceEntry, MATCH_TRANSITIONS, proposeMatch, stepMatch, type MatchStatus } from "~/core/neighbourhood.server";
import { readFormData } from "~/lib/form.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { notFoundWhenForbidden, runForMessage, toHttpError } from "~/lib/http.server";

const t = nl.buurtservice;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  try {
    const { entry, matches, suggestions } = await getBuurtserviceEntry(ctx, params.entryId ?? "");
    // The next steps per match come from core (the browser bundle cannot import it).
    return { entry, matches: matches.map((m) => ({ ...m, next: MATCH_TRANSITIONS[m.status as MatchStatus] })), suggestions, teamSlug: ctx.team.slug };
  } catch (error) {
    // One entry out of reach (a volunteer has no Buurtservice) is as good as absent: 404 (docs/architecture.md, "403 or 404").
    return toHttpError(notFoundWhenForbidden(error));
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const back = (notice: string) => redirect(`/t/${ctx.team.slug}/buurtservice/${params.entryId}?${notice}=1`);
  if (intent === "propose") {
    const r = await runForMessage(() => proposeMatch(ctx, { requestId: params.entryId ?? "", offerId: String(form.get("offerId") ?? "") }));
    return r.ok ? back("gekoppeld") : data({ message: r.message, matchId: null as string | null }, { status: r.status });
  }
  if (intent === "step") {
    const matchId = String(form.get("matchId") ?? "");
    const r = await runForMessage(() =>
      stepMatch(ctx, matchId, {
        status: String(form.get("status")) as "running" | "done" | "stopped",
        outcome: String(form.get("outcome") ?? ""),
        confirmNoPersonalData: form.get("confirmNoPersonalData") === "on",
      }),
    );
    return r.ok ? back("bijgewerkt") : data({ message: r.message, matchId: matchId as string | null }, { status: r.status });
  }
  if (intent === "close") {
    const r = await runForMessage(() => closeBuurtserviceEntry(ctx, params.entryId ?? ""));
    return r.ok ? back("gesloten") : data({ message: r.message, matchId: null as string | null }, { status: r.status });
  }
  throw new Response("Onbekende actie", { status: 400 });
}

export default function BuurtserviceEntryPage() {
  const { entry, matches, suggestions, teamSlug } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = params.get("vastgelegd")
    ? t.saved
    : params.get("gekoppeld")
      ? t.proposed
      : params.get("bijgewerkt")
        ? t.stepDone
        : params.get("gesloten")
          ? t.closedNotice
          : null;
  return (
    <div className="space-y-6">
      <p>
        <Link to={`/t/${teamSlug}/buurtservice`}>{t.back}</Link>
      </p>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {failed && !failed.matchId ? (
        <p role="alert" className="alert alert-error">
          {failed.message}
        </p>
      ) : null}
      <section aria-labelledby="entry-heading" className="card space-y-2">
        <h2 id="entry-heading">{t.detailTitle(t.kind[entry.kind], entry.pseudonym)}</h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">{t.buurt}</dt>
          <dd>{entry.buurtName}</dd>
          <dt className="font-semibold">{t.categories}</dt>
          <dd>{entry.categories.map((c) => t.category[c]).join(", ")}</dd>
          <dt className="font-semibold">{t.availability}</dt>
          <dd>{entry.availability.map((a) => t.slot[a]).join(", ")}</dd>
          {entry.description ? (
            <>
              <dt className="font-semibold">{t.description}</dt>
              <dd>{entry.description}</dd>
            </>
          ) : null}
          <dt className="font-semibold">{t.since}</dt>
          <dd>
            {formatDate(entry.createdAt)} {entry.stale ? <strong className="rounded bg-yellow-100 px-1 text-yellow-900">{t.stale}</strong> : null}
            {entry.closedAt ? ` — ${t.closed} ${formatDate(entry.closedAt)}` : null}
          </dd>
        </dl>
        {!entry.closedAt ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="btn btn-secondary">
              {t.close}
            </button>
          </Form>
        ) : null}
      </section>
      <section aria-labelledby="m-heading" className="card space-y-3">
        <h2 id="m-heading">{t.matchesTitle}</h2>
        {matches.length === 0 ? <p>{t.matchesEmpty}</p> : null}
        {matches.map((m) => (
          <div key={m.id} className="space-y-2 border-t border-gray-200 pt-2">
            <p>
              {t.requester} <Link to={`/t/${teamSlug}/buurtservice/${m.request.id}`}>{m.request.pseudonym}</Link>, {t.offerer.toLowerCase()}{" "}
              <Link to={`/t/${teamSlug}/buurtservice/${m.offer.id}`}>{m.offer.pseudonym}</Link> — <strong>{t.status[m.status]}</strong>,{" "}
              {m.reciprocal ? t.reciprocal.toLowerCase() : t.notReciprocal.toLowerCase()}
            </p>
            {m.outcome ? (
              <p>
                {t.outcome}: {m.outcome}
              </p>
            ) : null}
            {m.next.length > 0 ? (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="intent" value="step" />
                <input type="hidden" name="matchId" value={m.id} />
                {failed?.matchId === m.id ? (
                  <p role="alert" className="alert alert-error">
                    {failed.message}
                  </p>
                ) : null}
                <div className="field">
                  <label htmlFor={`outcome-${m.id}`}>{t.outcome}</label>
                  <textarea id={`outcome-${m.id}`} name="outcome" rows={2} className="input" maxLength={500} defaultValue={m.outcome} />
                </div>
                {failed?.matchId === m.id ? (
                  <div className="field flex-row items-center gap-2">
                    <input id={`confirm-${m.id}`} name="confirmNoPersonalData" type="checkbox" />
                    <label htmlFor={`confirm-${m.id}`}>{t.confirmNoPersonalData}</label>
                  </div>
                ) : null}
                <div className="flex flex-wrap gap-2">
                  {m.next.map((s) => (
                    <button key={s} type="submit" name="status" value={s} className={s === "stopped" ? "btn btn-secondary" : "btn btn-primary"}>
                      {t.step[s]}
                    </button>
                  ))}
                </div>
              </Form>
            ) : null}
          </div>
        ))}
      </section>
      {entry.kind === "request" && !entry.closedAt ? (
        <CardListSection
          id="s-heading"
          title={t.suggestionsTitle}
          intro={t.suggestionsIntro}
          empty={t.suggestionsEmpty}
          items={suggestions}
          rowKey={(s) => s.id}
          rowClassName="flex flex-wrap items-center justify-between gap-2 border-t border-gray-200 pt-2"
        >
          {(s) => (
            <>
              <span>
                <Link to={`/t/${teamSlug}/buurtservice/${s.id}`}>{s.pseudonym}</Link> ({s.buurtName}
                {s.sameBuurt ? `, ${t.sameBuurt}` : ""}) —{" "}
                {t.shared([...s.sharedCategories.map((c) => t.category[c]), ...s.sharedAvailability.map((a) => t.slot[a])].join(", "))}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="propose" />
                <input type="hidden" name="offerId" value={s.id} />
                <button type="submit" className="btn btn-primary" aria-label={`${t.propose}: ${s.pseudonym}`}>
                  {t.propose}
                </button>
              </Form>
            </>
          )}
        </CardListSection>
      ) : null}
    </div>
  );
}
