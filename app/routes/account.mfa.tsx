import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { qrDataUrl } from "~/lib/qr.server";
import { z } from "zod";
import { markSessionMfaVerified } from "~/auth/session.server";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { requireUser } from "~/context.server";
import { beginTotpSetup, confirmTotpSetup, disableMfa, mfaStatus } from "~/core/accounts.server";
import { nl } from "~/i18n/nl";
import { formatDate } from "~/lib/format";
import { runForForm } from "~/lib/http.server";
import { parseSubmission, readFormData } from "~/lib/form.server";

export const meta: MetaFunction = () => [{ title: `${nl.account.mfaTitle} – ${nl.common.appName}` }];

const codeField = z
  .string({ required_error: nl.account.codeRequired })
  .trim()
  .regex(/^\d{6}$/, nl.account.codeRequired);
const confirmSchema = z.object({ intent: z.literal("confirm"), sealedSecret: z.string(), code: codeField });
const disableSchema = z.object({ intent: z.literal("disable"), password: z.string({ required_error: nl.account.passwordRequired }), code: codeField });
const schema = z.discriminatedUnion("intent", [confirmSchema, disableSchema]);

// Keep the secret on screen after a wrong code: reloading would show a new QR code.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === "POST" ? false : defaultShouldRevalidate;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const status = await mfaStatus(ctx.db, ctx.user.id);
  if (status.enabled) return { status: { ...status, enabledAt: status.enabledAt?.toISOString() ?? null }, setup: null, required: ctx.mfaRequired };
  const setup = beginTotpSetup(ctx.user.email);
  return {
    status: { ...status, enabledAt: null },
    setup: { sealed: setup.sealed, secretGroups: setup.secret.match(/.{1,4}/g)!.join(" "), qr: await qrDataUrl(setup.uri) },
    required: ctx.mfaRequired,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const submission = parseSubmission(await readFormData(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }), recoveryCodes: null }, { status: 400 });
  const value = submission.value;
  if (value.intent === "confirm") {
    const outcome = await runForForm(submission.reply, () => confirmTotpSetup(ctx.db, ctx.user.id, value, ctx.meta));
    if (!outcome.ok) return data({ result: outcome.result, recoveryCodes: null }, { status: outcome.status });
    // This session has just proven the second factor.
    await markSessionMfaVerified(ctx.session.id);
    return { result: submission.reply({ resetForm: true }), recoveryCodes: outcome.value };
  }
  const outcome = await runForForm(submission.reply, () => disableMfa(ctx.db, ctx.user.id, value, ctx.meta), { hideFields: ["password"] });
  if (!outcome.ok) return data({ result: outcome.result, recoveryCodes: null }, { status: outcome.status });
  throw redirect("/account/mfa");
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section className="card" aria-labelledby="codes-heading">
      <h2 id="codes-heading">{nl.account.recoveryCodesTitle}</h2>
      <p className="mt-2">{nl.account.recoveryCodesIntro}</p>
      <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-lg" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p className="mt-4">
        <Link to="/" className="btn no-underline">
          {nl.account.recoveryCodesSaved}
        </Link>
      </p>
    </section>
  );
}

export default function MfaPage() {
  const { status, setup, required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Validated on the server only: this page has two forms sharing one schema with a hidden intent.
  const [form, fields] = useForm({ lastResult: actionData?.result });
  if (actionData?.recoveryCodes) {
    return (
      <div className="max-w-2xl space-y-4">
        <h1>{nl.account.enabledTitle}</h1>
        <RecoveryCodes codes={actionData.recoveryCodes} />
      </div>
    );
  }
  return (
    <div className="max-w-2xl space-y-4">
      <h1>{nl.account.mfaTitle}</h1>
      {!status.enabled && (params.get("verplicht") || required) ? <p className="alert alert-info">{nl.account.mfaRequired}</p> : null}
      {status.enabled ? (
        <>
          <p>
            {nl.account.mfaOn(formatDate(status.enabledAt))} {nl.account.recoveryLeft(status.recoveryCodesLeft)}
          </p>
          {required ? null : (
            <Form method="post" {...getFormProps(form)} className="card">
              <h2>{nl.account.disableTitle}</h2>
              <p className="hint mb-3">{nl.account.disableIntro}</p>
              <FormErrors form={form} />
              <input type="hidden" name="intent" value="disable" />
              <TextField field={fields.password} label={nl.account.password} type="password" autoComplete="current-password" />
              <TextField field={fields.code} label={nl.account.code} inputMode="numeric" autoComplete="one-time-code" />
              <SubmitButton className="btn btn-danger">{nl.account.disable}</SubmitButton>
            </Form>
          )}
        </>
      ) : setup ? (
        <Form method="post" {...getFormProps(form)} className="card space-y-3">
          <p>{nl.account.mfaIntro}</p>
          <img src={setup.qr} alt={nl.account.qrAlt} width={220} height={220} />
          <p>
            {nl.account.manualKey}:{" "}
            <code className="font-mono text-lg" data-testid="totp-secret">
              {setup.secretGroups}
            </code>
          </p>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="sealedSecret" value={setup.sealed} />
          <TextField field={fields.code} label={nl.account.code} inputMode="numeric" autoComplete="one-time-code" />
          <SubmitButton pendingText={nl.account.confirming}>{nl.account.confirm}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
