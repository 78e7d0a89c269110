// A destructive action asks first, in the page (no browser dialog): the
// first button reveals the question with a confirm and a cancel button;
// focus moves to the question so keyboard and screen-reader users hear it.
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { nl } from "~/i18n/nl";
import { SubmitButton } from "./form";

type ConfirmSubmitProps = {
  label: ReactNode;
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  name: string;
  value: string;
  danger?: boolean;
};

export function ConfirmSubmit(props: ConfirmSubmitProps) {
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className={props.danger ? "btn btn-danger" : "btn btn-secondary"}
        aria-label={props.accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div className="space-y-2" role="group" aria-label={props.accessibleLabel}>
      <p ref={questionRef} tabIndex={-1} className="font-semibold">
        {props.question}
      </p>
      <div className="flex gap-2">
        <SubmitButton name={props.name} value={props.value} className={props.danger ? "btn btn-danger" : "btn"}>
          {props.confirmLabel}
        </SubmitButton>
        <button type="button" className="btn btn-secondary" onClick={() => setAsking(false)}>
          {nl.common.cancel}
        </button>
      </div>
    </div>
  );
}

/** Previous/next links for a paged list, keeping the other query parameters. */
/** A post form of one asked-first button: the hidden fields that say what it acts on, then ConfirmSubmit. */
export function ConfirmForm({ hidden, ...confirm }: ConfirmSubmitProps & { hidden: Record<string, string> }) {
  return (
    <Form method="post">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ConfirmSubmit {...confirm} />
    </Form>
  );
}

export function Pagination({ page, pages, search }: { page: number; pages: number; search?: string }) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search ?? "");
    params.set("pagina", String(p));
    return `?${params}`;
  };
  return (
    <nav aria-label={nl.common.pagination} className="flex items-center gap-4">
      {page > 1 ? <a href={href(page - 1)}>{nl.common.previous}</a> : null}
      <span aria-current="page">{nl.common.pageOf(page, pages)}</span>
      {page < pages ? <a href={href(page + 1)}>{nl.common.next}</a> : null}
    </nav>
  );
}
