import type { ReactNode } from 'react';

/** One labelled value of a record's details list (<dl className="details">), named by its field for tests. */
export function DetailsRow({ field, label, children }: { field: string; label: string; children: ReactNode }) {
  return (
    <div className="details-row" data-field={field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
