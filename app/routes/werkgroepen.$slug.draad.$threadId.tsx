// A thread: the opening post and its replies (markdown, rendered safely) with
// their files, a reply form for members (privacy guard on save; up to three
// files), removing a file (uploader, facilitators), and — for facilitators —
// hiding a post with a reason.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmSubmit } from "~/components/confirm";
import { FileField, FormErrors, PrivacyOverride, SubmitButton, TextAreaField, TextField, anyText, replyFor, requiredText, useFormKit } from "~/components/form";
import { BackToGroup, Markdown, POST_FILE_TYPES, PostAttachments } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createPost, getThread, hidePost, removeWorkgroupAttachment, type PostView } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { readPostForm } from "~/lib/workgroups.server";
import { SuccessNotice } from "~/components/notice";
import { NO_FIELDS, parseSubmission, runForm, textValues, type FormReply } from "~/lib/form.server";

const t = nl.workgroups;
const UUID = /^[0-9a-f-]{36}$/;
const schemas = {
  reply: z.object({ body: requiredText(t.fieldErrors.body, 1, 20_000), file: z.any().optional(), confirmNoPersonalData: anyText, intent: anyText }),
  hide: z.object({ reason: requiredText(t.fieldErrors.reason, 3, 500), postId: anyText, intent: anyText }),
};
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.thread.title ?? t.title} – ${data?.group.name ?? ""} – ${nl.common.appName}` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  if (!UUID.test(params.threadId ?? "")) throw notFoundResponse();
  return getThread(ctx, params.slug ?? "", params.threadId!).catch(toHttpError);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireWorkgroupContext(request, context as { ip?: string });
  const slug = params.slug ?? "";
  const threadId = params.threadId ?? "";
  if (!UUID.test(threadId)) throw notFoundResponse();
  const { form, files, limits } = await readPostForm(request);
  if (form.get("intent") === "remove_file") {
    const attachmentId = String(form.get("attachmentId") ?? "");
    const r = await runForm(parseSubmission(form, { schema: NO_FIELDS }), () => removeWorkgroupAttachment(ctx, slug, attachmentId));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=bijlage-verwijderd`);
  }
  if (form.get("intent") === "hide") {
    const postId = String(form.get("postId") ?? "");
    const values = textValues(form, ["reason"]);
    const r = await runForm(
      parseSubmission(form, { schema: schemas.hide }),
      () => hidePost(ctx, slug, UUID.test(postId) ? postId : "00000000-0000-0000-0000-000000000000", values),
      { form: `hide-${postId}` },
    );
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=verborgen`);
  }
  const values = textValues(form, ["body", "confirmNoPersonalData"]);
  const r = await runForm(
    parseSubmission(form, { schema: schemas.reply }),
    async () => createPost(ctx, slug, values, { parentId: threadId, files: await files() }),
    { precheck: limits },
  );
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=geplaatst#bericht-${r.value.id}`);
}

function Post({
  post,
  heading,
  canModerate,
  failed,
  slug,
}: {
  post: PostView;
  heading?: string;
  canModerate: boolean;
  failed: FormReply | undefined;
  slug: string;
}) {
  const hideReply = replyFor(failed, `hide-${post.id}`);
  const hideOpen = Boolean(hideReply);
  const [hideForm, hideFields] = useFormKit({ id: `hide-${post.id}`, schema: schemas.hide, lastResult: hideReply?.result });
  return (
    <article id={`bericht-${post.id}`} className="card space-y-2" aria-label={heading ?? t.by(post.authorName, formatDateTime(post.createdAt))}>
      {heading ? <h1>{heading}</h1> : null}
      <p className="hint">{t.by(post.authorName, formatDateTime(post.createdAt))}</p>
      {post.html !== null ? <Markdown html={post.html} /> : <p className="italic">{t.hiddenPost(post.hidden?.reason ?? "")}</p>}
      <PostAttachments
        files={post.attachments}
        hrefOf={(id) => `/werkgroepen/${slug}/bijlagen/${id}`}
        renderRemove={(f) => (
          <Form method="post">
            <input type="hidden" name="attachmentId" value={f.id} />
            <ConfirmSubmit
              label={t.removeFile}
              accessibleLabel={t.removeFileLabel(f.fileName)}
              question={t.removeFileQuestion(f.fileName)}
              confirmLabel={t.removeFile}
              name="intent"
              value="remove_file"
              danger
            />
          </Form>
        )}
      />
      {canModerate && post.html !== null ? (
        <details open={hideOpen}>
          <summary className="cursor-pointer">{t.hideLabel}</summary>
          <Form method="post" className="mt-2 space-y-2" {...getFormProps(hideForm)}>
            <FormErrors form={hideForm} />
            <input type="hidden" name="postId" value={post.id} />
            <TextField field={hideFields.reason} label={t.hideReason} />
            <SubmitButton name="intent" value="hide" className="btn btn-secondary">
              {t.hide}
            </SubmitButton>
          </Form>
        </details>
      ) : null}
    </article>
  );
}

export default function Thread() {
  const { group, thread, replies, can } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done =
    ({ geplaatst: t.posted, verborgen: t.hidden, "bijlage-verwijderd": t.fileRemoved } as Record<string, string>)[params.get("gedaan") ?? ""] ?? null;
  // The reply form shows its own refusal and that of removing a file (a button without a form of its own).
  const replyReply = failed?.form === undefined ? failed : undefined;
  const [replyForm, replyFields] = useFormKit({ id: "reply", schema: schemas.reply, lastResult: replyReply?.result });
  return (
    <div className="max-w-3xl space-y-4">
      <BackToGroup group={group} />
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <Post post={thread} heading={thread.html === null ? t.hiddenThread : (thread.title ?? "")} canModerate={can.moderate} failed={failed} slug={group.slug} />
      <section aria-labelledby="reacties" className="space-y-3">
        <h2 id="reacties">{t.replies(replies.length)}</h2>
        {replies.map((r) => (
          <Post key={r.id} post={r} canModerate={can.moderate} failed={failed} slug={group.slug} />
        ))}
      </section>
      {can.post ? (
        <section aria-labelledby="reageren" className="card space-y-3">
          <h2 id="reageren">{t.reply}</h2>
          <FormErrors form={replyForm} />
          <Form method="post" encType="multipart/form-data" className="space-y-3" {...getFormProps(replyForm)}>
            <TextAreaField field={replyFields.body} label={t.replyBody} hint={t.bodyHint} rows={4} />
            <FileField field={replyFields.file} label={t.files} hint={t.filesHint} accept={POST_FILE_TYPES} multiple />
            <PrivacyOverride show={Boolean(replyReply?.personalData)} id="confirm-reply" />
            <SubmitButton name="intent" value="reply">
              {t.sendReply}
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <p className="hint">{t.joinToReply}</p>
      )}
    </div>
  );
}
