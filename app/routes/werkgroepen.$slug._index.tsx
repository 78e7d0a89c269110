// One workgroup: description, members, joining (open) or asking to join
// (closed), leaving (asks first), pending requests and member management for
// facilitators (add by e-mail, make facilitator, remove), threads and a new
// thread (privacy guard on save, up to three files), and the handbook pages.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit, Pagination } from "~/components/confirm";
import { CardListSection } from "~/components/card-list";
import {
  FileField,
  FormErrors,
  PrivacyOverride,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  anyText,
  replyFor,
  requiredText,
  useFormKit,
} from "~/components/form";
import { POST_FILE_TYPES } from "~/components/workgroups";
import { requireWorkgroupContext } from "~/context.server";
import {
  addWorkgroupMembers,
  createPost,
  decideJoinRequest,
  getWorkgroup,
  getWorkgroupRecord,
  joinWorkgroup,
  leaveWorkgroup,
  listHandbookPages,
  listThreads,
  removeWorkgroupMember,
  setWorkgroupMemberRole,
} from "~/core/workgroups.server";
import { DecisionList, ProposalLinks } from "~/components/workgroup-meetings";
import { nl } from "~/i18n/nl";
import { formatDate, formatDateTime } from "~/lib/format";
import { pageParam, toHttpError } from "~/lib/http.server";
import { readPostForm } from "~/lib/workgroups.server";
import { NO_FIELDS, parseSubmission, runForm, textValues } from "~/lib/form.server";
import { SuccessNotice } from "~/components/notice";

const t = nl.workgroups;
const schemas = {
  // The addresses' format is the use case's rule (its message names all that can be wrong).
  add_members: z.object({ emails: z.string({ required_error: t.fieldErrors.emails }), role: anyText, intent: anyText }),
  post: z.object({
    title: requiredText(t.fieldErrors.title, 3, 200),
    body: requiredText(t.fieldErrors.body, 1, 20_000),
    file: z.any().optional(),
    confirmNoPersonalData: anyText,
    intent: anyText,
  }),
};
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.group.name ?? t.title} – ${nl.common.appName}` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const view = await getWorkgroup(ctx, slug).catch(toHttpError);
  const threads = view.can.read ? await listThreads(ctx, slug, { page: pageParam(request) }).catch(toHttpError) : null;
  const handbook = view.can.read ? await listHandbookPages(ctx, slug).catch(toHttpError) : null;
  const record = view.can.read ? await getWorkgroupRecord(ctx, slug).catch(toHttpError) : null;
  return {
    ...view,
    threads,
    pages: handbook?.pages ?? [],
    canEditHandbook: handbook?.canEdit ?? false,
    meetings: record?.meetings ?? [],
    proposals: record?.proposals ?? [],
    decisions: record?.decisions ?? [],
    canMeet: record?.can ?? { createMeeting: false, createProposal: false },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const { form, files, limits } = await readPostForm(request);
  const buttons = parseSubmission(form, { schema: NO_FIELDS });
  const intent = String(form.get("intent") ?? "");
  const userId = String(form.get("userId") ?? "");
  if (intent === "leave") {
    const r = await runForm(buttons, () => leaveWorkgroup(ctx, slug));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=${r.value.withdrawn ? "ingetrokken" : "verlaten"}`);
  }
  if (intent === "add_members") {
    const values = textValues(form, ["emails", "role"]);
    const r = await runForm(parseSubmission(form, { schema: schemas.add_members }), () => addWorkgroupMembers(ctx, slug, values), { form: "add_members" });
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=toegevoegd&aantal=${r.value.added.length}#leden`);
  }
  if (intent === "remove_member") {
    const r = await runForm(buttons, () => removeWorkgroupMember(ctx, slug, userId));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=verwijderd#leden`);
  }
  if (intent === "make_facilitator" || intent === "make_member") {
    const r = await runForm(buttons, () => setWorkgroupMemberRole(ctx, slug, { userId, role: intent === "make_facilitator" ? "facilitator" : "member" }));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=rol#leden`);
  }
  if (intent === "join") {
    const r = await runForm(buttons, () => joinWorkgroup(ctx, slug));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=${r.value.status === "active" ? "lid" : "aangevraagd"}`);
  }
  if (intent === "approve" || intent === "decline") {
    const r = await runForm(buttons, () =>
      decideJoinRequest(ctx, slug, { userId: /^[0-9a-f-]{36}$/.test(userId) ? userId : "00000000-0000-0000-0000-000000000000", approve: intent === "approve" }),
    );
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}?gedaan=besloten`);
  }
  const values = textValues(form, ["title", "body", "confirmNoPersonalData"]);
  const r = await runForm(parseSubmission(form, { schema: schemas.post }), async () => createPost(ctx, slug, values, { files: await files() }), {
    form: "post",
    precheck: limits,
  });
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/draad/${r.value.threadId}?gedaan=geplaatst`);
}

const DONE: Record<string, string> = {
  aangemaakt: t.created,
  lid: t.joined,
  aangevraagd: t.requestSent,
  besloten: t.decided,
  verlaten: t.left,
  ingetrokken: t.withdrawn,
  verwijderd: t.memberRemoved,
  rol: t.roleChanged,
  bewerkt: t.updated,
};

/** What this person can do in this group, in one sentence (volunteers learn that a facilitator adds them). */
function canDoText(
  can: { read: boolean; join: boolean; requestJoin: boolean; post: boolean; manageMembers: boolean },
  group: { myRole: string | null; requested: boolean },
): string {
  if (group.myRole === "facilitator" && can.manageMembers) return t.canDo.facilitator;
  if (can.post) return t.canDo.post;
  if (group.requested) return t.canDo.requested;
  if (can.join) return t.canDo.join;
  if (can.requestJoin) return t.canDo.requestJoin;
  if (can.read) return t.canDo.readOnly;
  return t.canDo.addedOnly;
}

export default function Workgroup() {
  const { group, can, members, requests, threads, pages, canEditHandbook, meetings, proposals, decisions, canMeet } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("gedaan") === "toegevoegd" ? t.added(Number(params.get("aantal") ?? 0)) : DONE[params.get("gedaan") ?? ""];
  // Which form failed: adding members, a new post, or one of the buttons (leave, remove, roles).
  const buttonFailed = failed && failed.form === undefined ? failed.result.error?.[""] : undefined;
  const [addForm, addFields] = useFormKit({
    id: "add_members",
    schema: schemas.add_members,
    lastResult: replyFor(failed, "add_members")?.result,
    defaultValue: { role: "member" },
  });
  const [postForm, postFields] = useFormKit({ id: "post", schema: schemas.post, lastResult: replyFor(failed, "post")?.result });
  const facilitatorCount = members.filter((m) => m.role === "facilitator").length;
  const lastFacilitator = group.myRole === "facilitator" && facilitatorCount <= 1;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/werkgroepen">{nl.common.back}</Link>
      </p>
      <h1>{group.name}</h1>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <p>
        <span className="badge">{group.isOpen ? t.open : t.closed}</span>
        {group.myRole ? (
          <span className="badge ml-2">{t.roles[group.myRole]}</span>
        ) : group.requested ? (
          <span className="badge ml-2">{t.requested}</span>
        ) : null}
      </p>
      {group.description ? <p className="whitespace-pre-line">{group.description}</p> : null}
      <section aria-labelledby="can-do-title" className="alert alert-info">
        <h2 id="can-do-title" className="text-base">
          {t.canDo.title}
        </h2>
        <p>{canDoText(can, group)}</p>
      </section>
      {can.join || can.requestJoin ? (
        <Form method="post">
          <SubmitButton name="intent" value="join">
            {can.join ? t.join : t.requestJoin}
          </SubmitButton>
        </Form>
      ) : null}
      {can.manageMembers ? (
        <p>
          <Link to={`/werkgroepen/${group.slug}/bewerken`}>{t.edit}</Link>
        </p>
      ) : null}
      {can.leave ? (
        lastFacilitator ? (
          <p className="hint">{t.lastFacilitatorHint}</p>
        ) : (
          <Form method="post">
            <ConfirmSubmit
              label={group.myRole ? t.leave : t.withdraw}
              question={group.myRole ? t.leaveQuestion(group.name) : t.withdrawQuestion}
              confirmLabel={group.myRole ? t.leaveConfirm : t.withdrawConfirm}
              name="intent"
              value="leave"
              danger
            />
          </Form>
        )
      ) : null}
      <FormErrors errors={buttonFailed ?? undefined} />
      {!can.read ? <p className="card">{t.closedContent}</p> : null}

      {requests.length > 0 ? (
        <CardListSection id="aanvragen" title={t.requests} items={requests} rowKey={(r) => r.userId} rowClassName="flex flex-wrap items-center gap-3">
          {(r) => (
            <>
              <span>{r.name}</span>
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="userId" value={r.userId} />
                <button type="submit" name="intent" value="approve" className="btn" aria-label={t.approveLabel(r.name)}>
                  {t.approve}
                </button>
                <button type="submit" name="intent" value="decline" className="btn btn-secondary" aria-label={t.declineLabel(r.name)}>
                  {t.decline}
                </button>
              </Form>
            </>
          )}
        </CardListSection>
      ) : null}

      {can.read ? (
        <>
          <section aria-labelledby="leden" className="space-y-2">
            <h2 id="leden">{t.memberList}</h2>
            {can.manageMembers ? (
              <ul className="space-y-2">
                {members.map((m) => (
                  <li key={m.userId} className="flex flex-wrap items-center gap-3">
                    <span>
                      {m.name} <span className="hint">({t.roles[m.role]})</span>
                    </span>
                    <Form method="post" className="flex flex-wrap gap-2">
                      <input type="hidden" name="userId" value={m.userId} />
                      {m.role === "member" ? (
                        <button type="submit" name="intent" value="make_facilitator" className="btn btn-secondary" aria-label={t.makeFacilitatorLabel(m.name)}>
                          {t.makeFacilitator}
                        </button>
                      ) : facilitatorCount > 1 ? (
                        <button type="submit" name="intent" value="make_member" className="btn btn-secondary" aria-label={t.makeMemberLabel(m.name)}>
                          {t.makeMember}
                        </button>
                      ) : null}
                      {m.role === "member" || facilitatorCount > 1 ? (
                        <ConfirmSubmit
                          label={t.removeMember}
                          accessibleLabel={t.removeMemberLabel(m.name)}
                          question={t.removeMemberQuestion(m.name)}
                          confirmLabel={t.removeMemberConfirm}
                          name="intent"
                          value="remove_member"
                          danger
                        />
                      ) : null}
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {members.map((m) => (
                  <li key={m.userId}>
                    {m.name} {m.role === "facilitator" ? <span className="hint">({t.roles.facilitator})</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {can.manageMembers ? (
            <section aria-labelledby="leden-toevoegen" className="card space-y-3">
              <h2 id="leden-toevoegen">{t.addMembers}</h2>
              <FormErrors form={addForm} />
              <Form method="post" className="space-y-3" {...getFormProps(addForm)}>
                <TextAreaField field={addFields.emails} label={t.emails} hint={t.addMembersHint} rows={2} />
                <SelectField
                  field={addFields.role}
                  label={t.addAs}
                  options={[
                    { value: "member", label: t.roles.member },
                    { value: "facilitator", label: t.roles.facilitator },
                  ]}
                />
                <SubmitButton name="intent" value="add_members">
                  {t.add}
                </SubmitButton>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="berichten" className="space-y-3">
            <h2 id="berichten">{t.threads}</h2>
            {!threads || threads.items.length === 0 ? (
              <p className="card">{t.noThreads}</p>
            ) : (
              <ul className="space-y-2">
                {threads.items.map((th) => (
                  <li key={th.id} className="card">
                    <Link to={`/werkgroepen/${group.slug}/draad/${th.id}`} className="font-semibold">
                      {th.hidden ? t.hiddenThread : th.title}
                    </Link>
                    <p className="hint">
                      {t.by(th.authorName, formatDateTime(th.createdAt))} · {t.replies(th.replies)} · {t.lastActivity}: {formatDateTime(th.lastActivity)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {threads ? <Pagination page={threads.page} pages={threads.pages} /> : null}
          </section>

          {can.post ? (
            <section aria-labelledby="nieuw-bericht" className="card space-y-3">
              <h2 id="nieuw-bericht">{t.newThread}</h2>
              <p className="hint">{t.privacyNote}</p>
              <FormErrors form={postForm} />
              <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(postForm)}>
                <TextField field={postFields.title} label={t.postTitle} />
                <TextAreaField field={postFields.body} label={t.postBody} hint={t.bodyHint} rows={6} />
                <FileField field={postFields.file} label={t.files} hint={t.filesHint} accept={POST_FILE_TYPES} multiple />
                <PrivacyOverride show={Boolean(replyFor(failed, "post")?.personalData)} id="confirm-new" />
                <SubmitButton name="intent" value="post">
                  {t.publish}
                </SubmitButton>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="overleggen" className="space-y-2">
            <h2 id="overleggen">{nl.meetings.section}</h2>
            {meetings.length === 0 ? (
              <p>{nl.meetings.none}</p>
            ) : (
              <ul className="list-disc pl-6">
                {meetings.map((m) => (
                  <li key={m.id}>
                    <Link to={`/werkgroepen/${group.slug}/overleg/${m.id}`}>
                      {nl.meetings.title(`${formatDate(m.heldOn)}${m.startsAt ? ` ${m.startsAt}` : ""}`)}
                    </Link>
                    {m.openActions ? <span className="hint"> · {nl.meetings.openActions(m.openActions)}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {canMeet.createMeeting ? (
              <p>
                <Link to={`/werkgroepen/${group.slug}/overleg/nieuw`}>{nl.meetings.newMeeting}</Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="voorstellen" className="space-y-2">
            <h2 id="voorstellen">{nl.proposals.section}</h2>
            <ProposalLinks proposals={proposals} groupSlug={group.slug} openLabel={(p) => nl.proposals.openUntil(formatDate(p.closesOn))} />
            {canMeet.createProposal ? (
              <p>
                <Link to={`/werkgroepen/${group.slug}/voorstellen/nieuw`}>{nl.proposals.newProposal}</Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="besluiten" className="space-y-2">
            <h2 id="besluiten">{nl.meetings.decisions}</h2>
            <DecisionList decisions={decisions} groupSlug={group.slug} />
          </section>

          <section aria-labelledby="handboek" className="space-y-2">
            <h2 id="handboek">{t.handbook}</h2>
            {pages.length === 0 ? (
              <p>{t.noPages}</p>
            ) : (
              <ul className="list-disc pl-6">
                {pages.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/werkgroepen/${group.slug}/handboek/${p.slug}`}>{p.title}</Link>
                  </li>
                ))}
              </ul>
            )}
            {canEditHandbook ? (
              <p>
                <Link to={`/werkgroepen/${group.slug}/handboek/nieuw`}>{t.newPage}</Link>
              </p>
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}
