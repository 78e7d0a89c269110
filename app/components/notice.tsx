// The confirmation after a step (saved, sent, created): a polite live region,
// so screen readers announce it without moving the focus.
import type { ReactNode } from "react";

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert alert-success">
      {children}
    </p>
  );
}
