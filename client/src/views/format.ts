/**
 * One way to show times and states in every view: relative times ("3 min ago") in descriptions,
 * absolute local times ("2025-05-01 14:03:07") in tooltips, and ECS's upper-case states in
 * sentence case ("In progress"). Pure functions: the clock is passed in where it matters.
 */

/** "just now", "42 s ago", "3 min ago", "2 h ago", "5 d ago". */
export function ago(d: Date | undefined, now: number = Date.now()): string {
  if (!d) return '';
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2025-05-01 14:03:07" in local time (ISO-like, sortable, no Region guesswork). */
export function localTime(d: Date | undefined): string {
  if (!d) return '';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** "Started 3 min ago (2025-05-01 14:03:07)": both forms, for tooltips. */
export function when(label: string, d: Date | undefined, now: number = Date.now()): string | undefined {
  return d ? `${label} ${ago(d, now)} (${localTime(d)})` : undefined;
}

/** `IN_PROGRESS` → "In progress", `COMPLETED` → "Completed", `inProgress` → "In progress". */
export function stateLabel(state: string | undefined): string {
  if (!state) return '';
  const words = state
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The last part of an ARN (`arn:…:cluster/prod` → `prod`); names pass through. */
export function shortName(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}
