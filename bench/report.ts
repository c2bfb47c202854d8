/** One line of the bench's table: what was measured, the goal it is held to (if any), and the verdict. */
export interface Figure {
  name: string;
  /** The measured value (a ratio, bytes, MiB…), or null when it could not be measured. */
  value: number | null;
  unit: string;
  goal?: { at: 'least' | 'most'; value: number } | { check: true };
  /** The absolute figures behind a ratio, for the reader. */
  detail?: string;
}

export type Verdict = 'pass' | 'FAIL' | '—';

export function verdictOf(figure: Figure): Verdict {
  const { goal, value } = figure;
  if (!goal) return '—';
  if (value === null || Number.isNaN(value)) return 'FAIL';
  if ('check' in goal) return value === 1 ? 'pass' : 'FAIL';
  return (goal.at === 'least' ? value >= goal.value : value <= goal.value) ? 'pass' : 'FAIL';
}

/** A ratio of two measurements, or null when the denominator measured nothing. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 && Number.isFinite(numerator) ? numerator / denominator : null;
}

function formatValue(figure: Figure): string {
  if (figure.value === null) return 'not measured';
  if (figure.goal && 'check' in figure.goal) return figure.value === 1 ? 'yes' : 'no';
  const digits = figure.unit === 'ratio' ? 2 : Math.abs(figure.value) >= 100 ? 0 : 1;
  const number = figure.value.toFixed(digits);
  return figure.unit === 'ratio' ? number : `${number} ${figure.unit}`;
}

function formatGoal(figure: Figure): string {
  const { goal } = figure;
  if (!goal) return '';
  if ('check' in goal) return 'yes';
  return `${goal.at === 'least' ? '≥' : '≤'} ${goal.value}`;
}

const escape = (cell: string) => cell.replaceAll('|', '\\|');

/** The table as Markdown: readable in a terminal, and pasted as is into the README. */
export function formatTable(figures: Figure[]): string {
  const rows = figures.map((figure) => [figure.name, formatGoal(figure), formatValue(figure), verdictOf(figure), figure.detail ?? '']);
  const header = ['Figure', 'Goal', 'Measured', 'Verdict', 'Measurements'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.map(escape).join(' | ')} |`);
  return lines.join('\n');
}
