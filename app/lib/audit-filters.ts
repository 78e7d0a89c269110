// The audit log's filters as Dutch query parameters, shared by the page and its CSV download.
/** Query parameter per filter (Dutch, like ?pagina=). */
export const PARAMS = { action: "actie", actor: "wie", result: "resultaat", team: "team", object: "object", from: "van", to: "tot" } as const;
export type FilterKey = keyof typeof PARAMS;
export type FilterValues = Record<FilterKey, string>;
export const FILTER_KEYS = Object.keys(PARAMS) as FilterKey[];

export function readFilters(params: URLSearchParams): FilterValues {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, (params.get(PARAMS[k]) ?? "").slice(0, 500)])) as FilterValues;
}

/** The non-empty filters as a query string (for paging and the CSV link). */
export function filterSearch(values: FilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of FILTER_KEYS) if (values[k].trim()) params.set(PARAMS[k], values[k]);
  return params;
}
