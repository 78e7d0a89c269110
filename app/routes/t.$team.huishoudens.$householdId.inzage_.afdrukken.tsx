// The AVG art. 15 export of a household as a printable page (coordinator
// only; logged in the read log like the JSON download). In print the site's
// navigation is left out (the print rule in tailwind.css). Route file name:
// `inzage_` so it renders in the household frame, not inside the inzage page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireTeamContext } from "~/context.server";
import {
  arrangementStatusLabels,
  assessmentAnswerLabels,
  assessmentQuestionLabels,
  ASSESSMENT_QUESTIONS,
  caseAccessLabels,
  casePartLabels,
  entryRouteLabels,
  exportHousehold,
  genderLabels,
  goalStatusLabels,
  goalTypeLabels,
  householdTypeLabels,
  kantelingLayerLabels,
  legalBasisLabels,
  personRoleLabels,
  questionTypeLabels,
  referralDestinationLabels,
  referralOutcomeLabels,
  zrmDomainLabels,
  zrmScoreLabels,
} from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime, formatMoney } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";

const t = nl.caseworkPrivacy.print;
const f = t.fields;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t.title(String(data?.exported.household.reference ?? ""))} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireTeamContext(request, params.team, context as { ip?: string });
  const exported = await exportHousehold(ctx, params.householdId ?? "").catch(toHttpError);
  // Labels are looked up here: the browser bundle cannot import the core.
  const labels = {
    entryRoute: entryRouteLabels,
    questionType: questionTypeLabels,
    householdType: householdTypeLabels,
    role: personRoleLabels,
    gender: genderLabels,
    goalType: goalTypeLabels,
    goalStatus: goalStatusLabels,
    layer: kantelingLayerLabels,
    arrangementStatus: arrangementStatusLabels,
    destination: referralDestinationLabels,
    outcome: referralOutcomeLabels,
    legalBasis: legalBasisLabels,
    assessment: assessmentQuestionLabels as Record<string, string>,
    answer: assessmentAnswerLabels,
    access: caseAccessLabels as Record<string, string>,
    part: casePartLabels as Record<string, string>,
    zrmDomain: zrmDomainLabels as Record<string, string>,
    zrmScore: zrmScoreLabels,
  };
  return { exported, labels, questions: [...ASSESSMENT_QUESTIONS] as string[], back: `/t/${ctx.team.slug}/huishoudens/${params.householdId}/inzage` };
}

const text = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));
const label = (map: Record<string, string>, v: unknown) => (v === null || v === undefined || v === "" ? "—" : (map[String(v)] ?? String(v)));
const date = (v: unknown) => (v ? formatDate(String(v)) : "—");

function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-semibold">{k}</dt>
          <dd className="whitespace-pre-line">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2 break-inside-avoid">
      <h4 id={id}>{title}</h4>
      {children}
    </section>
  );
}

export default function PrintableExport() {
  const { exported: x, labels: l, questions, back } = useLoaderData<typeof loader>();
  const h = x.household as Record<string, unknown>;
  const p = x.profile as Record<string, unknown> | null;
  return (
    <article className="space-y-6 print:text-black" aria-labelledby="export-title">
      <div className="no-print flex flex-wrap items-center gap-4">
        <Link to={back}>← {t.back}</Link>
        <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
          {t.print}
        </button>
      </div>
      <header className="space-y-1">
        <h3 id="export-title">{t.title(text(h.reference))}</h3>
        <p className="hint print:text-black">{t.generated(formatDateTime(x.exportedAt), x.exportedBy)}</p>
      </header>

      <Section id="x-household" title={t.household}>
        <Fields
          rows={[
            [f.reference, text(h.reference)],
            [f.initials, text(h.initials)],
            [f.status, label(nl.casework.status, h.status)],
            [f.buurt, text(h.buurt)],
          ]}
        />
      </Section>

      <Section id="x-profile" title={t.profile}>
        {p ? (
          <Fields
            rows={[
              [f.householdType, label(l.householdType, p.householdType)],
              [f.address, text(p.address)],
              [f.postcode, text(p.postcode)],
              [f.phone, text(p.phone)],
            ]}
          />
        ) : (
          <p>{t.none}</p>
        )}
      </Section>

      <Section id="x-persons" title={t.persons}>
        {x.persons.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                {[f.name, f.role, f.gender, f.birthYear, f.dateOfBirth, f.bsn].map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {x.persons.map((person, i) => (
                <tr key={i}>
                  <td>{text(person.name)}</td>
                  <td>{label(l.role, person.role)}</td>
                  <td>{label(l.gender, person.gender)}</td>
                  <td>{text(person.birthYear)}</td>
                  <td>{date(person.dateOfBirth)}</td>
                  <td>{person.bsn ? f.bsnRecorded : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="x-cases" title={t.cases}>
        {x.cases.length === 0 ? <p>{t.none}</p> : null}
        {x.cases.map((c, i) => (
          <div key={i} className="card space-y-3">
            <h5 className="font-semibold">{t.caseTitle(date(c.intakeOn))}</h5>
            <Fields
              rows={[
                [f.intakeOn, date(c.intakeOn)],
                [f.entryRoute, label(l.entryRoute, c.entryRoute)],
                [f.question, text(c.question)],
                [f.questionType, label(l.questionType, c.questionType)],
                [f.intakeNotes, text(c.intakeNotes)],
                [f.regisseur, text(c.regisseur)],
                [f.involved, c.involved.map((v) => text(v.name)).join(", ") || "—"],
                [f.legalBasis, label(l.legalBasis, c.legalBasis)],
                [f.status, label(nl.casework.status, c.status)],
              ]}
            />
            <h6 className="font-semibold">{t.goals}</h6>
            {c.goals.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ul className="list-disc pl-6">
                {c.goals.map((g, j) => (
                  <li key={j}>
                    {label(l.zrmDomain, g.lifeDomain)}: {text(g.description)} ({label(l.goalType, g.goalType)}, {label(l.goalStatus, g.status)})
                  </li>
                ))}
              </ul>
            )}
            <h6 className="font-semibold">{t.arrangements}</h6>
            {c.arrangements.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ul className="list-disc pl-6">
                {c.arrangements.map((a, j) => (
                  <li key={j}>
                    {label(l.layer, a.layer)}: {text(a.provider)}
                    {a.offer ? ` – ${text(a.offer)}` : ""} {a.description ? `(${text(a.description)})` : ""} · {label(l.arrangementStatus, a.status)} ·{" "}
                    {date(a.startsOn)} – {date(a.endsOn)}
                    {a.buurtserviceMatch ? ` · ${t.buurtserviceMatch}` : ""}
                    {a.initiative ? ` · ${t.initiative(text(a.initiative))}` : ""}
                  </li>
                ))}
              </ul>
            )}
            <h6 className="font-semibold">{t.zrm}</h6>
            {c.zrmMeasurements.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ul className="list-disc pl-6">
                {c.zrmMeasurements.map((z, j) => (
                  <li key={j}>
                    {date(z.measuredOn)}:{" "}
                    {Object.entries((z.scores ?? {}) as Record<string, number>)
                      .map(([d, s]) => `${label(l.zrmDomain, d)} ${s} (${l.zrmScore[s] ?? s})`)
                      .join("; ")}
                  </li>
                ))}
              </ul>
            )}
            <h6 className="font-semibold">{t.referrals}</h6>
            {c.referrals.length === 0 ? (
              <p>{t.none}</p>
            ) : (
              <ul className="list-disc pl-6">
                {c.referrals.map((r, j) => (
                  <li key={j}>
                    {date(r.referredOn)}: {label(l.destination, r.destination)} {r.description ? `(${text(r.description)})` : ""} ·{" "}
                    {label(l.outcome, r.outcome)} {r.outcomeOn ? date(r.outcomeOn) : ""}
                  </li>
                ))}
              </ul>
            )}
            {c.status === "closed" ? (
              <>
                <h6 className="font-semibold">{t.closing}</h6>
                <Fields
                  rows={[
                    [f.closedOn, date(c.closedOn)],
                    [f.closeReason, text(c.closeReason)],
                    ...questions.map((q): [string, ReactNode] => [l.assessment[q] ?? q, label(l.answer, c[q])]),
                    [f.retainUntil, date(c.retainUntil)],
                  ]}
                />
              </>
            ) : null}
          </div>
        ))}
      </Section>

      <Section id="x-spends" title={t.spends}>
        {x.spendRequests.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="list-disc pl-6">
            {x.spendRequests.map((s, i) => (
              <li key={i}>
                {f.number} {text(s.number)}: {formatMoney(Number(s.amountCents))} · {label(nl.spends.statuses as Record<string, string>, s.status)} ·{" "}
                {text(s.purpose)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="x-transfers" title={t.transfers}>
        {x.transfers.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="list-disc pl-6">
            {x.transfers.map((tr, i) => (
              <li key={i}>
                {formatDateTime(String(tr.createdAt))}: {text(tr.fromTeam)} → {text(tr.toTeam)} ({text(tr.status)}). {f.reason}: {text(tr.reason)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="x-grants" title={t.grants}>
        {x.accessGrants.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="list-disc pl-6">
            {x.accessGrants.map((g, i) => (
              <li key={i}>
                {text(g.userName)}, {formatDateTime(String(g.grantedAt))} – {formatDateTime(String(g.expiresAt))}: {text(g.reason)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="x-readlog" title={t.readLog}>
        <ul className="list-disc pl-6">
          {x.readLog.map((r, i) => (
            <li key={i}>
              {formatDateTime(String(r.readAt))}: {text(r.userName)} · {label(l.part, r.part)} · {label(l.access, r.access)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="x-audit" title={t.audit}>
        {x.auditTrail.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="list-disc pl-6">
            {x.auditTrail.map((e, i) => (
              <li key={i}>
                {formatDateTime(String(e.occurredAt))}: {text(e.actorName)} · {label(nl.auditPage.actions as Record<string, string>, e.action)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}
