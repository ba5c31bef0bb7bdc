/**
 * What a chart of a breakdown draws, on the web page and in the PDF alike: the categories whose
 * count is above zero, largest first (ties keep their taxonomy order). Zeros and hidden figures
 * (null) are left out of the chart; the table beside it keeps every category.
 */
export function chartItems<T extends { count: number | null }>(rows: readonly T[]): Array<T & { count: number }> {
  return rows
    .map((row, i) => ({ row, i }))
    .filter((x): x is { row: T & { count: number }; i: number } => x.row.count !== null && x.row.count > 0)
    .sort((a, b) => b.row.count - a.row.count || a.i - b.i)
    .map((x) => x.row);
}
