// The street → buurt list (for the public team finder /buurt): the functional
// admin reads in a CSV, sees what would change and the errors per line, then
// confirms; the import replaces the whole list.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { SuccessNotice } from "~/components/notice";
import { requireMunicipalityContext } from "~/context.server";
import { importStreets, listStreetCounts, previewStreetImport, type StreetPreview } from "~/core/neighbourhood.server";
import { readFormData } from "~/lib/form.server";
import { nl } from "~/i18n/nl";
import { formatNumber } from "~/lib/format";
import { toHttpError } from "~/lib/http.server";
import { publicDirectory } from "~/lib/public-directory.server";
import { parseUploadForm } from "~/lib/uploads.server";

const t = nl.streetsAdmin;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Street", context as { ip?: string });
  return { counts: await listStreetCounts(ctx) };
}

type ActionResult =
  | { step: "error"; message: string }
  | { step: "preview"; csv: string; preview: Omit<StreetPreview, "rows"> & { lines: number } }
  | { step: "done"; lines: number }
  | { step: "refused"; preview: Omit<StreetPreview, "rows"> & { lines: number } };

const summary = (p: StreetPreview) => ({ errors: p.errors, added: p.added, removed: p.removed, unchanged: p.unchanged, lines: p.rows.length });

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireMunicipalityContext(request, "manage", "Street", context as { ip?: string });
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const { formData, tooLarge } = await parseUploadForm(request, MAX_FILE_BYTES);
      if (tooLarge.length) return data<ActionResult>({ step: "error", message: t.fileTooLarge }, { status: 400 });
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) return data<ActionResult>({ step: "error", message: t.fileRequired }, { status: 400 });
      const csv = await file.text();
      const preview = await previewStreetImport(ctx, csv);
      return data<ActionResult>({ step: "preview", csv, preview: summary(preview) }, { status: preview.errors.length ? 400 : 200 });
    }
    if (Number(request.headers.get("Content-Length") ?? 0) > 3 * MAX_FILE_BYTES)
      return data<ActionResult>({ step: "error", message: t.fileTooLarge }, { status: 413 });
    const csv = String((await readFormData(request)).get("csv") ?? "");
    const result = await importStreets(ctx, csv);
    if (!result.imported) return data<ActionResult>({ step: "refused", preview: summary(result) }, { status: 400 });
    publicDirectory.invalidate();
    return data<ActionResult>({ step: "done", lines: result.rows.length });
  } catch (error) {
    return toHttpError(error);
  }
}

function Errors({ errors }: { errors: { line: number; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="alert alert-error">
      <p className="font-semibold">{t.errorsTitle(errors.length)}</p>
      <ul className="list-disc pl-6">
        {errors.slice(0, 50).map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
      {errors.length > 50 ? <p>{t.moreErrors(errors.length - 50)}</p> : null}
    </div>
  );
}

export default function AdminStreets() {
  const { counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const total = counts.reduce((n, c) => n + c.streets, 0);
  return (
    <div className="space-y-6">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {result?.step === "done" ? <SuccessNotice>{t.imported(result.lines)}</SuccessNotice> : null}
      <section aria-labelledby="upload-heading" className="card max-w-2xl space-y-3">
        <h2 id="upload-heading">{t.uploadTitle}</h2>
        <p className="hint" id="file-hint">
          {t.uploadHint}
        </p>
        {result?.step === "error" ? (
          <p role="alert" className="alert alert-error">
            {result.message}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <div className="field">
            <label htmlFor="file">{t.file}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" aria-describedby="file-hint" required />
          </div>
          <button type="submit" className="btn btn-secondary" disabled={busy}>
            {t.preview}
          </button>
        </Form>
        {result?.step === "preview" || result?.step === "refused" ? (
          <div className="space-y-3" aria-live="polite">
            <h3>{t.previewTitle}</h3>
            {result.step === "refused" ? <p className="alert alert-error">{t.changedMeanwhile}</p> : null}
            <p>{t.previewCounts(result.preview.lines, result.preview.added, result.preview.removed, result.preview.unchanged)}</p>
            <Errors errors={result.preview.errors} />
            {result.step === "preview" && result.preview.errors.length === 0 ? (
              <Form method="post">
                <input type="hidden" name="csv" value={result.csv} />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {t.confirm}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="current-heading" className="card max-w-2xl">
        <h2 id="current-heading">{t.current}</h2>
        <p>{t.total(total)}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.buurt}</th>
              <th scope="col" className="text-right">
                {t.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.buurt}>
                <td>{c.buurt}</td>
                <td className="text-right tabular-nums">{formatNumber(c.streets)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
