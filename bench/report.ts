/** One benchmark figure, printed as a JSON line by `npm run bench`. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The raw-primitive figure measured in the same run, where one exists. */
  baseline?: number;
  /** value / baseline (or baseline / value for "higher is better" figures), as the figure's doc says. */
  ratio?: number;
}

const prefix = process.env.KEEL_BENCH_PREFIX ?? '';

/** True when the user's `npm run bench -- <prefix>` selects this figure. */
export function wanted(name: string): boolean {
  return name.startsWith(prefix) || prefix.startsWith(name);
}

export function report(figure: BenchFigure): void {
  if (!figure.name.startsWith(prefix)) return;
  const rounded = { ...figure, value: round(figure.value) };
  if (figure.baseline !== undefined) rounded.baseline = round(figure.baseline);
  if (figure.ratio !== undefined) rounded.ratio = round(figure.ratio);
  console.log(JSON.stringify(rounded));
}


function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
