/**
 * RegisterTaskDefinition without duplicates. The API takes no idempotency token, so sending again
 * after a lost or slow answer (timeout, reset connection, 5xx) can create a second revision — the
 * first request may land seconds later. After such a failure we look for the content sent among the
 * family's newest revisions (ListTaskDefinitions, DescribeTaskDefinition) for a while; found, that
 * revision is the result ("recovered"); not found, we say the outcome is unknown and what is
 * registered, and never send again. Only throttling, which proves nothing was registered, is retried.
 */
import { normalizeForDiff, type JsonObject } from './normalize';
import { fail, ok, type Failure, type RegisterTarget, type Result, type RevisionView } from './types';

export interface RegisterOptions {
  /** Attempts in all when ECS throttles (the request was refused: nothing registered), the first included (default 3). */
  maxAttempts?: number;
  /**
   * After an answer that never came, pauses before each look at the family (default 1, 2, 4 and
   * 8 s: a request still in flight lands meanwhile). The request is never sent again.
   */
  checkDelaysMs?: readonly number[];
  /** Base delay of the backoff after throttling (default 1 s). */
  throttleBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Reports each step, for the log (never contains environment values). */
  onStep?: (message: string) => void;
}

export interface RegisterOutcome {
  revision: RevisionView;
  /** The answer was lost and the revision was found by its content in the family. */
  recovered: boolean;
  /** RegisterTaskDefinition requests sent. */
  attempts: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True when `candidate` is what `sent` would have registered. */
export function matchesSent(candidate: JsonObject, sent: JsonObject): boolean {
  return JSON.stringify(normalizeForDiff(candidate)) === JSON.stringify(normalizeForDiff(sent));
}

/** Whether a task definition ARN belongs to `family` exactly (ListTaskDefinitions matches a prefix). */
function inFamily(arn: string, family: string): boolean {
  return arn.endsWith(`:task-definition/${family}:${arn.slice(arn.lastIndexOf(':') + 1)}`);
}

type Lookup = { found: RevisionView } | { found?: undefined; newest?: RevisionView; error?: Failure };

/**
 * Looks for a revision of `family` holding what was sent: ListTaskDefinitions (newest first),
 * then DescribeTaskDefinition of the newest few (someone else may have registered since).
 */
async function findByContent(target: RegisterTarget, family: string, sent: JsonObject): Promise<Lookup> {
  let arns: string[];
  if (target.listRevisions) {
    const listed = await target.listRevisions(family);
    if (!listed.ok) return { error: listed.error };
    arns = listed.value.filter((a) => inFamily(a, family)).slice(0, 3);
  } else {
    const latest = await target.describeTaskDefinition(family);
    if (!latest.ok) return latest.error.kind === 'notFound' ? {} : { error: latest.error };
    return matchesSent(latest.value.taskDefinition, sent)
      ? { found: latest.value }
      : { newest: latest.value };
  }
  let newest: RevisionView | undefined;
  for (const arn of arns) {
    const described = await target.describeTaskDefinition(arn);
    if (!described.ok) return { error: described.error, ...(newest ? { newest } : {}) };
    newest ??= described.value;
    if (matchesSent(described.value.taskDefinition, sent)) return { found: described.value };
  }
  return newest ? { newest } : {};
}

/**
 * Registers `input` once. RegisterTaskDefinition takes no idempotency token, so after an answer
 * that never came (timeout, reset, 5xx) it is never sent again: the family is searched for the
 * content sent, a few times while a slow request may still land; found, that revision is the
 * result; not found, the failure says the outcome is unknown and what is registered.
 */
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
    // The request may have been applied, or may still be: look for it, never send it again.
    step(
      `RegisterTaskDefinition got no answer (${result.error.message}); looking for the content sent among the revisions of ${family}.`,
    );
    let lookup: Lookup = {};
    let waited = 0;
    for (const delay of options.checkDelaysMs ?? [1000, 2000, 4000, 8000]) {
      await sleep(delay);
      waited += delay;
      lookup = await findByContent(target, family, input);
      if (lookup.found) {
        step(
          `Found ${lookup.found.family}:${lookup.found.revision} with the content sent; not registering again.`,
        );
        return ok({ revision: lookup.found, recovered: true, attempts: attempt });
      }
    }
    const registered = lookup.newest
      ? `The newest revision is ${lookup.newest.family}:${lookup.newest.revision} (${lookup.newest.arn}), which holds something else.`
      : lookup.error
        ? `The family could not be read (${lookup.error.message}).`
        : `${family} has no ACTIVE revision.`;
    step(`No revision of ${family} holds the content sent after ${waited} ms. ${registered}`);
    return fail({
      kind: result.error.kind,
      ...(result.error.code ? { code: result.error.code } : {}),
      ambiguous: true,
      message:
        `${family} may or may not have been registered: ECS did not answer (${result.error.message}), ` +
        `and ${Math.round(waited / 1000)} s later no revision holds what was sent. ${registered} ` +
        `The request may still land: look at the family before registering again.`,
    });
  }
  return fail(lastError ?? { kind: 'unknown', message: `Registering ${family} failed.` });
}
