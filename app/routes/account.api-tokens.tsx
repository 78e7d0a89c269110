// The user's personal API tokens: list, create (the token is shown once, in
// the action's response only), revoke.
import { getFormProps, useForm } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionsColumnHeader, TableCard } from "~/components/data-table";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form";
import { requireUser } from "~/context.server";
import { createApiToken, listApiTokens, revokeApiToken } from "~/core/accounts.server";
import { nl } from "~/i18n/nl";
import { runForForm, toHttpError } from "~/lib/http.server";
import { SuccessNotice } from "~/components/notice";
import { CreatedToken, TokenRow, tokenListItem } from "~/components/token-list";
import { parseSubmission, readFormData } from "~/lib/form.server";

const t = nl.api.tokens;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

const createSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ required_error: t.nameRequired }).trim().min(1, t.nameRequired).max(80, t.nameRequired),
  expiresInDays: z.enum(["30", "90", "180", "365"], { invalid_type_error: t.expiryInvalid }).optional(),
});
const revokeSchema = z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const rows = await listApiTokens(ctx);
  const now = Date.now();
  return { tokens: rows.map((r) => tokenListItem(r, now)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireUser(request, context as { ip?: string });
  const formData = await readFormData(request);
  if (formData.get("intent") === "revoke") {
    const parsed = revokeSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Ongeldige invoer", { status: 400 });
    await revokeApiToken(ctx, parsed.data.tokenId).catch(toHttpError);
    return redirect("/account/api-tokens?ingetrokken=1");
  }
  const submission = parseSubmission(formData, { schema: createSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const { name, expiresInDays } = submission.value;
  const outcome = await runForForm(submission.reply, () => createApiToken(ctx, { name, expiresInDays: expiresInDays ? Number(expiresInDays) : null }));
  if (!outcome.ok) return data({ result: outcome.result, created: null }, { status: outcome.status });
  // The token travels only in this response (no-store); after this it exists only as a hash.
  return data(
    { result: submission.reply({ resetForm: true }), created: { name: outcome.value.name, token: outcome.value.token } },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<{ name: string; expiresInDays: string }>({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { expiresInDays: "90" },
  });
  const created = actionData?.created ?? null;
  return (
    <div className="max-w-4xl space-y-6">
      <p>
        <Link to="/account">{nl.account.title}</Link>
      </p>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p>
        {t.docsHint} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      {params.get("ingetrokken") ? <SuccessNotice>{t.revoked}</SuccessNotice> : null}
      {created ? (
        <CreatedToken token={created.token} title={t.createdTitle(created.name)} label={t.tokenLabel} hint={t.copyHint} headingLevel={2}>
          <p>{t.createdOnce}</p>
        </CreatedToken>
      ) : null}
      <section aria-labelledby="tokens-list" className="space-y-2">
        <h2 id="tokens-list">{t.listTitle}</h2>
        <TableCard caption={t.listTitle} isEmpty={tokens.length === 0} empty={t.empty}>
          <thead>
            <tr>
              <th scope="col">{t.columns.name}</th>
              <th scope="col">{t.columns.token}</th>
              <th scope="col">{t.columns.created}</th>
              <th scope="col">{t.columns.lastUsed}</th>
              <th scope="col">{t.columns.expires}</th>
              <th scope="col">{t.columns.status}</th>
              <ActionsColumnHeader />
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <TokenRow key={k.id} token={k} texts={t} />
            ))}
          </tbody>
        </TableCard>
      </section>
      <section aria-labelledby="token-new" className="card max-w-xl">
        <h2 id="token-new">{t.createTitle}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormErrors form={form} />
          <TextField field={fields.name} label={t.name} hint={t.nameHint} autoComplete="off" />
          <SelectField field={fields.expiresInDays} label={t.expiry} hint={t.expiryHint} options={t.expiryOptions} />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
