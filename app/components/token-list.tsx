// One row of a bearer-token list (personal API tokens, a partner's export
// tokens): name, last four characters, dates, the status (a badge unless
// active) and revoking it, asked first. The token itself is never listed.
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
export function tokenListItem(
  r: { id: string; name: string; lastFour: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null },
  now: number,
): TokenListItem {
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
