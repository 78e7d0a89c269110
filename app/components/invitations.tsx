// The invitation form and list, used by a coordinator's team page and the
// admin page. Which roles, teams and partners appear comes from the loader
// (the server's ability decides); the server checks again on submit.
import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ActionsColumnHeader } from "~/components/data-table";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { ConfirmSubmit, Pagination } from "./confirm";
import { FormErrors, SelectField, SubmitButton, TextField } from "./form";
import type { SubmissionResult } from "@conform-to/react";
import { SuccessNotice } from "./notice";
import { scrollRegion } from "~/components/data-table";

const t = nl.invitationsPage;

export interface InvitationListRow {
  id: string;
  email: string;
  role: string;
  teamName: string | null;
  partnerName: string | null;
  invitedBy: string;
  createdAt: string | Date;
  expiresAt: string | Date;
  status: string;
}

export interface InvitationActionData {
  result: SubmissionResult<string[]> | null;
  sentTo: string | null;
  revoked: boolean;
}

export function InvitationForm(props: {
  actionData?: InvitationActionData;
  roles: string[];
  teams?: { id: string; name: string }[];
  partners: { id: string; name: string }[];
}) {
  const [form, fields] = useForm({ lastResult: props.actionData?.result ?? undefined, shouldValidate: "onSubmit" });
  return (
    <section aria-labelledby="invite-title" className="card max-w-xl">
      <h2 id="invite-title">{t.formTitle}</h2>
      {props.actionData?.sentTo ? <SuccessNotice>{t.sent(props.actionData.sentTo)}</SuccessNotice> : null}
      {props.actionData?.revoked ? <SuccessNotice>{t.revoked}</SuccessNotice> : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <FormErrors form={form} />
        <TextField field={fields.email} label={t.email} type="email" autoComplete="off" />
        <SelectField
          field={fields.role}
          label={t.role}
          options={props.roles.map((r) => ({ value: r, label: nl.common.roles[r] }))}
          placeholder={t.chooseRole}
        />
        {props.teams ? (
          <SelectField field={fields.teamId} label={t.team} options={props.teams.map((x) => ({ value: x.id, label: x.name }))} placeholder={t.none} />
        ) : null}
        <SelectField
          field={fields.partnerId}
          label={t.partner}
          hint={t.partnerHint}
          options={props.partners.map((x) => ({ value: x.id, label: x.name }))}
          placeholder={t.none}
        />
        <SubmitButton pendingText={t.sending}>{t.submit}</SubmitButton>
      </Form>
    </section>
  );
}

export function InvitationList(props: { rows: InvitationListRow[]; page: number; pages: number; showTeam: boolean; canRevoke: boolean }) {
  return (
    <section aria-labelledby="invitations-title" className="space-y-3">
      <h2 id="invitations-title">{t.listTitle}</h2>
      {props.rows.length === 0 ? (
        <p className="card">{t.empty}</p>
      ) : (
        <div className="card overflow-x-auto" {...scrollRegion(t.listTitle)}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.role}</th>
                {props.showTeam ? <th scope="col">{t.team}</th> : null}
                <th scope="col">{t.invitedBy}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col">{t.status}</th>
                {props.canRevoke ? <ActionsColumnHeader /> : null}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.email}</td>
                  <td>{nl.common.roles[r.role]}</td>
                  {props.showTeam ? <td>{r.teamName ?? r.partnerName ?? "—"}</td> : null}
                  <td>{r.invitedBy}</td>
                  <td>{formatDate(r.createdAt)}</td>
                  <td>{formatDate(r.expiresAt)}</td>
                  <td>{t.statuses[r.status]}</td>
                  {props.canRevoke ? (
                    <td>
                      {r.status === "pending" ? (
                        <Form method="post">
                          <input type="hidden" name="invitationId" value={r.id} />
                          <ConfirmSubmit
                            label={t.revoke}
                            accessibleLabel={t.revokeLabel(r.email)}
                            question={t.revokeConfirm(r.email)}
                            confirmLabel={t.revoke}
                            name="intent"
                            value="revoke"
                            danger
                          />
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={props.page} pages={props.pages} />
    </section>
  );
}

export interface ProposalActionData {
  /** The proposal the last decision was about, with its outcome or the reason's error (input kept). */
  proposal: { id: string; email: string; outcome: "confirmed" | "declined" | null; error: string | null; reason: string };
}

/** The team's proposals from partner managers: the coordinator confirms (invitation goes out) or declines with a reason. */
export function ProposalList(props: {
  rows: { id: string; email: string; name: string | null; partnerName: string | null; proposedBy: string; createdAt: string | Date }[];
  actionData?: ProposalActionData;
}) {
  const p = nl.proposalsPage;
  const last = props.actionData?.proposal;
  return (
    <section aria-labelledby="proposals-title" className="space-y-3">
      <h2 id="proposals-title">{p.title}</h2>
      <p>{p.intro}</p>
      {last?.outcome ? <SuccessNotice>{last.outcome === "confirmed" ? p.confirmed(last.email) : p.declined(last.email)}</SuccessNotice> : null}
      {props.rows.length === 0 ? (
        <p className="card">{p.empty}</p>
      ) : (
        <ul className="space-y-3">
          {props.rows.map((r) => {
            const error = last && last.id === r.id && !last.outcome ? last.error : null;
            const reasonId = `reason-${r.id}`;
            return (
              <li key={r.id} className="card space-y-2">
                <p className="font-semibold">{p.proposal(r.email, r.name)}</p>
                <p>
                  {p.by(r.proposedBy, r.partnerName)} {p.on} {formatDate(r.createdAt)}
                </p>
                <Form method="post">
                  <input type="hidden" name="invitationId" value={r.id} />
                  <SubmitButton name="intent" value="confirm" pendingText={p.confirming}>
                    {p.confirm}
                    <span className="sr-only"> ({r.email})</span>
                  </SubmitButton>
                </Form>
                <Form method="post" className="space-y-2">
                  <input type="hidden" name="invitationId" value={r.id} />
                  <div className="field">
                    <label htmlFor={reasonId}>{p.reason}</label>
                    <p id={`${reasonId}-hint`} className="hint">
                      {p.reasonHint}
                    </p>
                    <textarea
                      id={reasonId}
                      name="reason"
                      className="input"
                      rows={2}
                      defaultValue={error ? last?.reason : undefined}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
                    />
                    {error ? (
                      <p id={`${reasonId}-error`} className="field-error">
                        {error}
                      </p>
                    ) : null}
                  </div>
                  <button type="submit" name="intent" value="decline" className="btn btn-secondary">
                    {p.decline}
                    <span className="sr-only"> ({r.email})</span>
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
