// The history import's upload, shared by the page's action (a plain form post)
// and /importeren/bestand (the page script's XMLHttpRequest, which shows the
// upload's progress and reads JSON). Both check the coordinator's right with
// the use case; this module only reads the multipart form within the cap
// (the request gate has capped the body already) and shapes the answer.
import { IMPORT_MAX_BYTES, importCaseworkHistory, importReportCsv, type ImportReport } from "~/core/casework.server";
import type { TeamContext } from "~/core/common.server";
import { nl } from "~/i18n/nl";
import { parseUploadForm } from "~/lib/uploads.server";

const t = nl.caseworkImport;
export const IMPORT_MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

export type ImportAnswer =
  { step: "error"; message: string } | { step: "report"; intent: "check" | "import"; fileName: string; report: ImportReport; errorsCsv: string | null };

/** Reads the upload (intent check or import, the file, the checked file's hash) and runs the use case. */
export async function runImportUpload(ctx: TeamContext, request: Request): Promise<{ status: number; answer: ImportAnswer }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
    return { status: 400, answer: { step: "error", message: t.fileRequired } };
  const { formData, tooLarge } = await parseUploadForm(request, IMPORT_MAX_BYTES);
  if (tooLarge.length) return { status: 413, answer: { step: "error", message: t.fileTooLarge(IMPORT_MAX_MB) } };
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { status: 400, answer: { step: "error", message: t.fileRequired } };
  const intent = formData.get("intent") === "import" ? "import" : "check";
  const sha256 = String(formData.get("sha256") ?? "");
  const report = await importCaseworkHistory(ctx, new Uint8Array(await file.arrayBuffer()), {
    dryRun: intent === "check",
    expectedSha256: intent === "import" ? sha256 : undefined,
  });
  return {
    status: report.errorCount ? 400 : 200,
    answer: { step: "report", intent, fileName: file.name, report, errorsCsv: report.errorCount ? importReportCsv(report.errors) : null },
  };
}
