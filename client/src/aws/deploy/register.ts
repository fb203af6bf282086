/**
 * RegisterTaskDefinition without duplicates. The API takes no idempotency token, so a retry after
 * a lost response (timeout, reset connection, 5xx) can create a second revision. Before any
 * retry of an ambiguous failure we look at the family's latest revision: if it already holds
 * what we sent, that revision is the result. Failures that prove the request was not applied
 * (throttling, validation, access denied) are retried (throttling) or returned as they are.
 */
import { normalizeForDiff, type JsonObject } from './normalize';
import { fail, ok, type Failure, type RegisterTarget, type Result, type RevisionView } from './types';

export interface RegisterOptions {
  /** Attempts in all, the first included (default 3). */
  maxAttempts?: number;
  /**
   * How long to wait before checking the latest revision after an ambiguous failure, so a request
   * still in flight has landed (default 1 s).
   */
  settleMs?: number;
  /** Base delay of the backoff after throttling (default 1 s). */
  throttleBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Reports each step, for the log (never contains environment values). */
  onStep?: (message: string) => void;
}

export interface RegisterOutcome {
  revision: RevisionView;
  /** The response was lost and the revision was found by looking at the family. */
  recovered: boolean;
  /** RegisterTaskDefinition requests sent. */
  attempts: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `candidate` is what `sent` would have registered. */
export function matchesSent(candidate: JsonObject, sent: JsonObject): boolean {
  return JSON.stringify(normalizeForDiff(candidate)) === JSON.stringify(normalizeForDiff(sent));
}

/** Registers `input` once, recovering a lost response without creating a second revision. */
export async function registerRevision(
  target: RegisterTarget,
  input: JsonObject,
  options: RegisterOptions = {},
): Promise<Result<RegisterOutcome>> {
  const maxAttempts = options.maxAttempts ?? 3;
  const sleep = options.sleep ?? defaultSleep;
  const step = options.onStep ?? ((): void => undefined);
  const family = String(input.family);
  let lastError: Failure | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const result = await target.register(input);
    if (result.ok) return ok({ revision: result.value, recovered: false, attempts: attempt });
    lastError = result.error;
    if (result.error.kind === 'throttled') {
      const delay = (options.throttleBackoffMs ?? 1000) * 2 ** (attempt - 1);
      step(
        `RegisterTaskDefinition throttled; retrying in ${delay} ms (attempt ${attempt} of ${maxAttempts}).`,
      );
      if (attempt < maxAttempts) await sleep(delay);
      continue;
    }
    if (!result.error.ambiguous) return fail(result.error);
    // The request may have been applied: find out before sending it again.
    step(
      `RegisterTaskDefinition response lost (${result.error.message}); checking the latest revision of ${family}.`,
    );
    await sleep(options.settleMs ?? 1000);
    const latest = await target.describeTaskDefinition(family);
    if (latest.ok && matchesSent(latest.value.taskDefinition, input)) {
      step(
        `Found ${latest.value.family}:${latest.value.revision} with the content sent; not registering again.`,
      );
      return ok({ revision: latest.value, recovered: true, attempts: attempt });
    }
    if (!latest.ok && latest.error.kind !== 'notFound') {
      // Unknown state: sending again could duplicate the revision. Stop and say so.
      return fail({
        kind: latest.error.kind,
        message:
          `Registering ${family} may or may not have succeeded (the response was lost and the family ` +
          `could not be checked: ${latest.error.message}). Check the family's latest revision before trying again.`,
        code: latest.error.code,
        ambiguous: true,
      });
    }
    step(`No revision of ${family} holds the content sent; registering again (attempt ${attempt + 1}).`);
  }
  return fail(lastError ?? { kind: 'unknown', message: `Registering ${family} failed.` });
}
