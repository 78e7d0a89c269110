// Form handling for the workgroup pages: a refused use case becomes Dutch
// field errors (the privacy guard's own message for the text field), the
// typed input is sent back, 404 stays 404 and forbidden becomes 403.
import { ForbiddenError } from "@wijkwerk/authz";
import { DomainError, MAX_ATTACHMENT_BYTES, asDomainError, hasForbiddenCharacter } from "@wijkwerk/core/common";
import type { WorkgroupFileInput } from "@wijkwerk/core/workgroups";
import { data } from "@remix-run/node";
import { domainErrorMessage, nl } from "~/i18n/nl";
import { readForm } from "~/lib/uploads.server";

export interface FormFailure {
  ok: false;
  fieldErrors: Record<string, string>;
  formError: string | null;
  /** The privacy guard blocked the text: show the override checkbox. */
  personalData: boolean;
  values: Record<string, string>;
}

export const formValues = (form: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? "")]));

export async function runWorkgroupForm<T>(values: Record<string, string>, fn: () => Promise<T>, fieldMessages?: Record<string, string>): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof data<FormFailure>> }> {
  try {
    // A character the database refuses (NUL) is a field error before the use case runs, not a 500 from PostgreSQL.
    const bad = Object.keys(values).filter((k) => hasForbiddenCharacter(values[k]));
    if (bad.length) throw new DomainError("invalid_input", 400, Object.fromEntries(bad.map((k) => [k, ["invalid_character"]])));
    return { ok: true, value: await fn() };
  } catch (caught) {
    if (caught instanceof ForbiddenError) throw new Response("Geen toegang", { status: 403 });
    const e = asDomainError(caught);
    if (!e || e.status === 404 || e.status >= 500) {
      if (e?.status === 404) throw new Response("Niet gevonden", { status: 404 });
      throw caught;
    }
    const fieldErrors: Record<string, string> = {};
    // A field's own message ("Kies een geldige datum.") says what it needs, also for a date that does not exist.
    for (const [field, codes] of Object.entries(e.fieldErrors)) {
      fieldErrors[field] = codes.map((c) => (c === "personal_data" && e.detail ? e.detail : c === "invalid_input" || c === "date_invalid" ? (fieldMessages?.[field] ?? nl.workgroups.fieldErrors[field] ?? domainErrorMessage(c)) : domainErrorMessage(c))).join(" ");
    }
    const failure: FormFailure = {
      ok: false,
      fieldErrors,
      formError: Object.keys(fieldErrors).length ? nl.common.formHasErrors : domainErrorMessage(e.code),
      personalData: e.code === "personal_data",
      values,
    };
    return { ok: false, response: data(failure, { status: e.status }) };
  }
}

/**
 * A post form, multipart when it carries files. The files come back as
 * use-case input (the use case checks type and size from the bytes); a file
 * over 5 MB was dropped while parsing and is reported as a field error when
 * `checkFiles` runs, with the typed text kept.
 */
export async function readPostForm(request: Request) {
  const { formData, tooLarge, tooLong } = await readForm(request, MAX_ATTACHMENT_BYTES);
  const uploads = formData.getAll("file").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f.size > 0 || f.name !== ""));
  const files = async (): Promise<WorkgroupFileInput[]> => {
    if (tooLarge.length) throw new DomainError("invalid_input", 413, { file: ["attachment_too_large"] });
    // A text over 64 KB came in cut short: refused with that field's own message, the rest of the form kept.
    if (tooLong.length) throw new DomainError("invalid_input", 413, Object.fromEntries(tooLong.map((name) => [name, ["invalid_input"]])));
    return Promise.all(uploads.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  };
  return { form: formData, files };
}
