// A card section that lists items, each row with its own small form (offers
// to propose, join requests to approve): the heading wired to the section for
// screen readers, an optional intro and empty text, one list row per item.
import type { ReactNode } from "react";

export function CardListSection<Item>(props: {
  id: string;
  title: ReactNode;
  intro?: ReactNode;
  /** Shown above the (then empty) list when there are no items. */
  empty?: ReactNode;
  items: Item[];
  rowKey: (item: Item) => string;
  rowClassName: string;
  children: (item: Item) => ReactNode;
}) {
  return (
    <section aria-labelledby={props.id} className="card space-y-2">
      <h2 id={props.id}>{props.title}</h2>
      {props.intro ? <p className="hint">{props.intro}</p> : null}
      {props.empty && props.items.length === 0 ? <p>{props.empty}</p> : null}
      <ul className="space-y-2">
        {props.items.map((item) => (
          <li key={props.rowKey(item)} className={props.rowClassName}>
            {props.children(item)}
          </li>
        ))}
      </ul>
    </section>
  );
}
