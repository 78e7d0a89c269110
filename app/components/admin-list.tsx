// The functional admin's list pages of things they create (partners, teams):
// title and intro, the confirmation after creating one (?aangemaakt=<id>),
// the button to add one, and the table.
import { Link, useSearchParams } from "@remix-run/react";
import { DataTable, type Column } from "~/components/data-table";
import { SuccessNotice } from "~/components/notice";

export function AdminListPage<Row extends { id: string; name: string }>(props: {
  text: { title: string; intro: string; empty: string; created: (name: string) => string };
  newLink: { to: string; label: string };
  rows: Row[];
  columns: Column<NoInfer<Row>>[];
}) {
  const { text: t } = props;
  const [params] = useSearchParams();
  const created = props.rows.find((r) => r.id === params.get("aangemaakt"));
  return (
    <div className="space-y-4">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {created ? <SuccessNotice>{t.created(created.name)}</SuccessNotice> : null}
      <p>
        <Link to={props.newLink.to} className="btn">
          {props.newLink.label}
        </Link>
      </p>
      <DataTable caption={t.title} rows={props.rows} rowKey={(r) => r.id} empty={t.empty} columns={props.columns} />
    </div>
  );
}
