/** One replicated figure as the json output prints it (`replications.*`): mean ± half-width over the runs. */
export interface ReplicatedFigure {
  mean: number | null;
  halfWidth: number | null;
  low: number | null;
  high: number | null;
  values: (number | null)[];
}
