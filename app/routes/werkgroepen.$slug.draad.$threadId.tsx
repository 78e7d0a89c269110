// A thread: the opening post and its replies (markdown, rendered safely) with
// their files, a reply form for members (privacy guard on save; up to three
// files), removing a file (uploader, facilitators), and — for facilitators —
// hiding a post with a reason.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ConfirmSubmit } from "~/components/confirm";
import { SubmitButton } from "~/components/form";
import { Field, FileField, FormError, Markdown, PostAttachments, PrivacyOverride } from "~/components/workgroups";
import { notFoundResponse, requireWorkgroupContext } from "~/context.server";
import { createPost, getThread, hidePost, removeWorkgroupAttachment, type PostView } from "~/core/workgroups.server";
import { nl } from "~/i18n/nl";
import { formatDateTime } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { formValues, readPostForm, runWorkgroupForm } from "~/lib/workgroups.server";
import { SuccessNotice } from "~/components/notice";

const t = nl.workgroups;
const UUID = /^[0-9a-f-]{36}$/;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? t.title} – ${data?.group.name ?? ""} – ${nl.common.appName}` }];

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
  const { form, files } = await readPostForm(request);
  if (form.get("intent") === "remove_file") {
    const attachmentId = String(form.get("attachmentId") ?? "");
    const r = await runWorkgroupForm({}, () => removeWorkgroupAttachment(ctx, slug, attachmentId));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=bijlage-verwijderd`);
  }
  if (form.get("intent") === "hide") {
    const postId = String(form.get("postId") ?? "");
    const values = { ...formValues(form, ["reason"]), postId };
    const r = await runWorkgroupForm(values, () => hidePost(ctx, slug, UUID.test(postId) ? postId : "00000000-0000-0000-0000-000000000000", values));
    if (!r.ok) return r.response;
    return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=verborgen`);
  }
  const values = formValues(form, ["body", "confirmNoPersonalData"]);
  const r = await runWorkgroupForm(values, async () => createPost(ctx, slug, values, { parentId: threadId, files: await files() }));
  if (!r.ok) return r.response;
  return redirect(`/werkgroepen/${slug}/draad/${threadId}?gedaan=geplaatst#bericht-${r.value.id}`);
}

function Post({ post, heading, canModerate, failedHide, slug }: { post: PostView; heading?: string; canModerate: boolean; failedHide?: { postId?: string; reason?: string; error?: string }; slug: string }) {
  const hideOpen = failedHide?.postId === post.id;
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
            <ConfirmSubmit label={t.removeFile} accessibleLabel={t.removeFileLabel(f.fileName)} question={t.removeFileQuestion(f.fileName)} confirmLabel={t.removeFile} name="intent" value="remove_file" danger />
          </Form>
        )}
      />
      {canModerate && post.html !== null ? (
        <details open={hideOpen}>
          <summary className="cursor-pointer">{t.hideLabel}</summary>
          <Form method="post" className="mt-2 space-y-2" noValidate>
            <input type="hidden" name="postId" value={post.id} />
            <Field id={`reason-${post.id}`} name="reason" label={t.hideReason} defaultValue={hideOpen ? failedHide?.reason : undefined} error={hideOpen ? failedHide?.error : undefined} />
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
  const done = ({ geplaatst: t.posted, verborgen: t.hidden, "bijlage-verwijderd": t.fileRemoved } as Record<string, string>)[params.get("gedaan") ?? ""] ?? null;
  const v = failed?.values ?? {};
  const e = failed?.fieldErrors ?? {};
  const failedHide = v.postId ? { postId: v.postId, reason: v.reason, error: e.reason } : undefined;
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link to={`/werkgroepen/${group.slug}`}>{t.backToGroup(group.name)}</Link>
      </p>
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <Post post={thread} heading={thread.html === null ? t.hiddenThread : (thread.title ?? "")} canModerate={can.moderate} failedHide={failedHide} slug={group.slug} />
      <section aria-labelledby="reacties" className="space-y-3">
        <h2 id="reacties">{t.replies(replies.length)}</h2>
        {replies.map((r) => (
          <Post key={r.id} post={r} canModerate={can.moderate} failedHide={failedHide} slug={group.slug} />
        ))}
      </section>
      {can.post ? (
        <section aria-labelledby="reageren" className="card space-y-3">
          <h2 id="reageren">{t.reply}</h2>
          {!failedHide ? <FormError message={failed?.formError} /> : null}
          <Form method="post" encType="multipart/form-data" className="space-y-3" noValidate>
            <Field id="body" name="body" label={t.replyBody} hint={t.bodyHint} defaultValue={failedHide ? undefined : v.body} error={failedHide ? undefined : e.body} multiline rows={4} />
            <FileField id="reply-files" error={failedHide ? undefined : e.file} />
            <PrivacyOverride show={Boolean(failed?.personalData)} id="confirm-reply" />
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
