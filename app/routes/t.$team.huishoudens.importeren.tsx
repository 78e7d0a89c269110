// The casework history import for the team's coordinator (docs/casework-import.md):
// choose a CSV → the check's report (every error with row, column and what is
// wrong, 50 per page, downloadable as CSV) or a summary of what the file adds
// → Importeren → the result. Without JavaScript the forms post to this page
// (the file is chosen again to import it; its hash must match the checked
// one). With JavaScript the page sends the file to /importeren/bestand by
// XMLHttpRequest and shows the upload's progress, then an indeterminate bar
// while the server reads, checks and writes; the checked file is kept for
// the import.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type Ref } from "react";
import { as } from "@wijkwerk/authz";
import { SuccessNotice } from "~/components/notice";
import { requireTeamContext } from "~/context.server";
import { IMPORT_MAX_ROWS } from "~/core/casework.server";
import { nl } from "~/i18n/nl";
import { IMPORT_MAX_MB, runImportUpload, type ImportAnswer } from "~/lib/casework-import.server";
import { formatNumber } from "~/lib/format";
import { notFoundWhenForbidden } from "~/lib/http.server";
import { scrollRegion } from "~/components/data-table";

const t = nl.caseworkImport;
const ERRORS_PER_PAGE = 50;

export const meta: MetaFunction = () => [{ title: `${t.title} – ${nl.common.appName}` }];

async function importContext(request: Request, team: string | undefined, context: unknown) {
  const ctx = await requireTeamContext(request, team, context as { ip?: string });
  if (!ctx.ability.can("create", as("CaseworkImport", { teamId: ctx.team.id, municipalityId: ctx.team.municipalityId })))
    throw new Response("Niet gevonden", { status: 404 });
  return ctx;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await importContext(request, params.team, context);
  return { teamSlug: ctx.team.slug, maxMb: IMPORT_MAX_MB, maxRows: IMPORT_MAX_ROWS };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await importContext(request, params.team, context);
  try {
    const { status, answer } = await runImportUpload(ctx, request);
    return data<ImportAnswer>(answer, { status });
  } catch (error) {
    throw notFoundWhenForbidden(error);
  }
}

/** True once the page runs in the browser (false in the server's HTML): the script's extras only then. */
const noSubscription = () => () => {};
const useEnhanced = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

type Progress = { intent: "check" | "import"; phase: "upload" | "server"; percent: number };

function ProgressBar({ progress }: { progress: Progress }) {
  const label = progress.phase === "upload" ? t.uploading(progress.percent) : progress.intent === "import" ? t.importing : t.working;
  return (
    <div role="status" aria-live="polite" className="space-y-1">
      <p id="import-progress-label">{label}</p>
      {progress.phase === "upload" ? (
        <progress aria-labelledby="import-progress-label" max={100} value={progress.percent} className="w-full" />
      ) : (
        <progress aria-labelledby="import-progress-label" className="w-full" />
      )}
    </div>
  );
}

function ErrorReport({ answer, headingRef }: { answer: Extract<ImportAnswer, { step: "report" }>; headingRef: Ref<HTMLHeadingElement> }) {
  const { report } = answer;
  const [page, setPage] = useState(1);
  const enhanced = useEnhanced();
  const pages = Math.max(1, Math.ceil(report.errors.length / ERRORS_PER_PAGE));
  const shown = report.errors.slice((page - 1) * ERRORS_PER_PAGE, page * ERRORS_PER_PAGE);
  return (
    <section aria-labelledby="errors-heading" className="card space-y-3">
      <h2 id="errors-heading" ref={headingRef} tabIndex={-1} className="text-red-800 outline-none">
        {t.errorsTitle(report.errorCount, report.rows)}
      </h2>
      <p>{t.errorsIntro}</p>
      {answer.errorsCsv ? (
        <p>
          <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(answer.errorsCsv)}`} download={`fouten-${answer.fileName.replace(/\.[^.]*$/, "")}.csv`}>
            {t.downloadErrors}
          </a>
        </p>
      ) : null}
      <div className="overflow-x-auto" {...scrollRegion(pages > 1 ? t.errorPage(page, pages) : t.errorsCaption)}>
        <table className="table">
          <caption className="sr-only">{pages > 1 ? t.errorPage(page, pages) : t.errorsCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="text-right">
                {t.row}
              </th>
              <th scope="col">{t.column}</th>
              <th scope="col">{t.message}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e, i) => (
              <tr key={`${e.row}-${e.column}-${i}`}>
                <td className="text-right tabular-nums">{e.row === 0 ? "–" : e.row}</td>
                <td>{e.row === 0 ? t.wholeFile : <code>{e.column}</code>}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {enhanced && pages > 1 ? (
        <nav aria-label={nl.common.pagination} className="flex items-center gap-4">
          <button type="button" className="btn" disabled={page === 1} onClick={() => setPage(page - 1)}>
            {t.previous}
          </button>
          <span aria-live="polite">{nl.common.pageOf(page, pages)}</span>
          <button type="button" className="btn" disabled={page === pages} onClick={() => setPage(page + 1)}>
            {t.next}
          </button>
        </nav>
      ) : null}
      {report.errorCount > report.errors.length ? <p>{t.moreErrors(report.errorCount - report.errors.length)}</p> : null}
    </section>
  );
}

const COUNT_KEYS = [
  "households",
  "cases",
  "closedCases",
  "persons",
  "goals",
  "arrangements",
  "zrmMeasurements",
  "zrmScores",
  "referrals",
  "assessments",
] as const;

function Summary({ answer }: { answer: Extract<ImportAnswer, { step: "report" }> }) {
  const { report } = answer;
  const present: Partial<Record<(typeof COUNT_KEYS)[number], number>> = { households: report.present.households, cases: report.present.cases };
  return (
    <div className="space-y-3">
      <p>{t.rowsRead(report.rows)}</p>
      <div className="overflow-x-auto" {...scrollRegion(t.summaryCaption)}>
        <table className="table max-w-xl">
          <caption className="sr-only">{t.summaryCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.kind}</th>
              <th scope="col" className="text-right">
                {t.toImport}
              </th>
              <th scope="col" className="text-right">
                {t.present}
              </th>
            </tr>
          </thead>
          <tbody>
            {COUNT_KEYS.map((k) => (
              <tr key={k}>
                <th scope="row" className={k === "closedCases" ? "pl-6 font-normal" : "font-normal"}>
                  {t.counts[k]}
                </th>
                <td className="text-right tabular-nums">{formatNumber(report.toImport[k])}</td>
                <td className="text-right tabular-nums">{present[k] === undefined ? "" : formatNumber(present[k])}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" className="font-normal">
                {t.presentRows}
              </th>
              <td />
              <td className="text-right tabular-nums">{formatNumber(report.present.rows)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}

export default function CaseworkImportPage() {
  const { teamSlug, maxMb, maxRows } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as ImportAnswer | undefined;
  const submitting = useNavigation().state === "submitting";
  const [sent, setSent] = useState<ImportAnswer | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const enhanced = useEnhanced();
  const [kept, setKept] = useState<File | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const answer = sent ?? posted;
  const busy = submitting || progress !== null;

  useEffect(() => {
    if (answer?.step === "report") resultHeading.current?.focus();
  }, [answer]);

  function send(intent: "check" | "import", file: File, sha256?: string) {
    const form = new FormData();
    form.set("intent", intent);
    if (sha256) form.set("sha256", sha256);
    form.set("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/t/${teamSlug}/huishoudens/importeren/bestand`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress({ intent, phase: "upload", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setProgress({ intent, phase: "server", percent: 100 });
    xhr.onload = () => {
      setProgress(null);
      try {
        setSent(JSON.parse(xhr.responseText) as ImportAnswer);
      } catch {
        setSent({ step: "error", message: xhr.status === 413 ? t.fileTooLarge(maxMb) : t.failed });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setSent({ step: "error", message: t.failed });
    };
    setSent(undefined);
    setProgress({ intent, phase: "upload", percent: 0 });
    xhr.send(form);
  }

  function onCheck(e: FormEvent<HTMLFormElement>) {
    const file = fileInput.current?.files?.[0];
    if (!enhanced || !file) return;
    e.preventDefault();
    setKept(file);
    send("check", file);
  }

  function onImport(e: FormEvent<HTMLFormElement>, sha256: string) {
    if (!enhanced || !kept) return;
    e.preventDefault();
    send("import", kept, sha256);
  }

  const report = answer?.step === "report" ? answer : null;
  const canConfirm = report?.intent === "check" && report.report.errorCount === 0 && report.report.toImport.cases > 0;
  return (
    <div className="space-y-6">
      <section aria-labelledby="import-heading" className="card max-w-3xl space-y-3">
        <h2 id="import-heading">{t.title}</h2>
        <p>{t.intro}</p>
        <p className="hint">{t.manual}</p>
        {answer?.step === "error" ? (
          <p role="alert" className="alert alert-error">
            {answer.message}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="space-y-3" onSubmit={onCheck}>
          <input type="hidden" name="intent" value="check" />
          <div className="field">
            <label htmlFor="import-file">{t.file}</label>
            <input
              ref={fileInput}
              id="import-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="input"
              aria-describedby="import-file-hint"
              required
            />
            <p className="hint" id="import-file-hint">
              {t.fileHint(maxMb, maxRows)}
            </p>
          </div>
          <button type="submit" className={canConfirm ? "btn" : "btn btn-primary"} disabled={busy}>
            {report ? t.checkAgain : t.check}
          </button>
        </Form>
        {progress ? <ProgressBar progress={progress} /> : null}
      </section>

      {report && report.report.errorCount > 0 ? <ErrorReport key={report.report.sha256} answer={report} headingRef={resultHeading} /> : null}

      {report && report.report.errorCount === 0 ? (
        <section aria-labelledby="summary-heading" className="card max-w-3xl space-y-3">
          <h2 id="summary-heading" ref={resultHeading} tabIndex={-1} className="outline-none">
            {report.intent === "import" ? t.importedTitle : t.summaryTitle}
          </h2>
          {report.report.toImport.cases === 0 ? <SuccessNotice>{t.nothingNew}</SuccessNotice> : null}
          {report.intent === "import" && report.report.imported ? (
            <SuccessNotice>{t.imported(report.report.toImport.cases, report.report.toImport.households)}</SuccessNotice>
          ) : null}
          <Summary answer={report} />
          {canConfirm ? (
            <Form method="post" encType="multipart/form-data" className="space-y-3" onSubmit={(e) => onImport(e, report.report.sha256)}>
              <p>{t.confirmIntro}</p>
              <input type="hidden" name="intent" value="import" />
              <input type="hidden" name="sha256" value={report.report.sha256} />
              {enhanced && kept ? null : (
                <div className="field">
                  <label htmlFor="import-confirm-file">{t.file}</label>
                  <input
                    id="import-confirm-file"
                    name="file"
                    type="file"
                    accept=".csv,text/csv"
                    className="input"
                    aria-describedby="import-confirm-hint"
                    required
                  />
                  <p className="hint" id="import-confirm-hint">
                    {t.confirmFileHint}
                  </p>
                </div>
              )}
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t.confirm}
              </button>
            </Form>
          ) : null}
          {report.intent === "import" || report.report.toImport.cases === 0 ? (
            <p>
              <Link to={`/t/${teamSlug}/huishoudens?toon=alle&status=all`}>{t.toHouseholds}</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
