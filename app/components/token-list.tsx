// One row of a bearer-token list (personal API tokens, a partner's export
// tokens): name, last four characters, dates, the status (a badge unless
// active) and revoking it, asked first. The token itself is never listed, only
// shown once when it is made (CreatedToken).
import type { BearerTokenRow } from "@wijkwerk/core/common";
import { useEffect, useRef, type ReactNode } from "react";
import { ConfirmForm } from "~/components/confirm";
import { formatDate, formatDateTime } from "~/lib/format";

export type TokenStatus = "active" | "revoked" | "expired";

/** A token as the loader hands it to the page: dates as ISO text, the status as of the request. */
export interface TokenListItem {
  id: string;
  name: string;
  lastFour: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  status: TokenStatus;
}

/** The loader's row for a token (both kinds' list use cases return these fields). */
export function tokenListItem(r: BearerTokenRow, now: number): TokenListItem {
  return {
    id: r.id,
    name: r.name,
    lastFour: r.lastFour,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    status: r.revokedAt ? "revoked" : r.expiresAt && r.expiresAt.getTime() <= now ? "expired" : "active",
  };
}

/** Each list's own wording (its message file). */
export interface TokenRowTexts {
  status: Record<TokenStatus, string>;
  never: string;
  noExpiry: string;
  revoke: string;
  revokeLabel: (name: string) => string;
  revokeQuestion: (name: string) => string;
  revokeConfirm: string;
}

/** The row; its revoke form posts `intent=revoke` and `tokenId` to the page's action. */
export function TokenRow({ token, texts }: { token: TokenListItem; texts: TokenRowTexts }) {
  return (
    <tr>
      <th scope="row" className="text-left font-normal">
        {token.name}
      </th>
      <td className="font-mono">…{token.lastFour}</td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : texts.never}</td>
      <td>{token.expiresAt ? formatDate(token.expiresAt) : texts.noExpiry}</td>
      <td>{token.status === "active" ? texts.status.active : <span className="badge">{texts.status[token.status]}</span>}</td>
      <td>
        {token.status === "revoked" ? null : (
          <ConfirmForm
            hidden={{ intent: "revoke" }}
            label={texts.revoke}
            accessibleLabel={texts.revokeLabel(token.name)}
            question={texts.revokeQuestion(token.name)}
            confirmLabel={texts.revokeConfirm}
            name="tokenId"
            value={token.id}
            danger
          />
        )}
      </td>
    </tr>
  );
}

/**
 * The token just made, shown once: a heading that takes the focus (a screen
 * reader hears it at once) and the token in a read-only field that selects
 * itself for copying. `children`: the page's own words under the heading.
 */
export function CreatedToken({
  token,
  title,
  label,
  hint,
  headingLevel,
  children,
}: {
  token: string;
  title: string;
  label: string;
  hint?: string;
  headingLevel: 2 | 3;
  children?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [token]);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="token-created" className="alert alert-success space-y-2">
      <Heading id="token-created" ref={headingRef} tabIndex={-1}>
        {title}
      </Heading>
      {children}
      <div className="field">
        <label htmlFor="new-token">{label}</label>
        <input
          id="new-token"
          className="input font-mono"
          readOnly
          value={token}
          aria-describedby={hint ? "new-token-hint" : undefined}
          autoComplete="off"
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
        {hint ? (
          <p id="new-token-hint" className="hint">
            {hint}
          </p>
        ) : null}
      </div>
    </section>
  );
}
