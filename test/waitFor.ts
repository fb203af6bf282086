/**
 * The one way tests wait: poll a condition until it holds, never a fixed sleep. Shared by the unit
 * tests and the extension tests so every wait behaves the same:
 * - the condition may be sync or async, and is always awaited (a Promise is never "truthy enough");
 * - an assertion that fails inside the condition fails the wait at once: it states an invariant
 *   that must hold at every observation (e.g. "never more than maximumPercent tasks"), so a
 *   violation seen mid-way must not be retried away;
 * - any other error is retried (the thing waited for may not be reachable yet), and when time runs
 *   out the message carries the last error and the last value seen.
 */
import { AssertionError } from 'node:assert';

export type Acceptance = 'truthy' | 'defined';

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** `truthy` (default): 0, '' and null keep waiting; `defined`: only undefined, null and false do. */
  readonly accept?: Acceptance;
}

function accepted(value: unknown, accept: Acceptance): boolean {
  return accept === 'truthy' ? Boolean(value) : value !== undefined && value !== null && value !== false;
}

function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

export async function waitFor<T>(
  what: string,
  condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 25, accept = 'truthy' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (accepted(value, accept)) return value as T;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const last =
        lastError !== undefined
          ? `last error: ${describeValue(lastError)}`
          : `last value: ${describeValue(lastValue)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
