/**
 * Diagnostics benchmark: p50/p95 of full diagnostics (parse the new version + validate, what the
 * server does on each change) on task definitions of about 300, 3,000 and 30,000 lines, against
 * vscode-json-languageservice (parseJSONDocument + doValidation) on the same documents with a JSON
 * Schema exported from the same generated model, in the same process. Prints one JSON object per
 * line and figure; `ratioP95` is ours / baseline (below 1 is faster than the baseline).
 *
 * Each document comes valid and broken the way typing leaves it (a comma missing, a string left open,
 * in the middle of the document), and a typing session types a new environment entry into the middle
 * of the document one character at a time (most intermediate states are broken JSON), with full
 * diagnostics after each keystroke, net of the server's debounce. `cache` says what each figure starts
 * from: `cold` (a document never parsed: a file opened), `warm` (a parsed version: validation alone),
 * `previous version parsed` (an edit: the server parses the new version from the one before).
 *
 * Run: `npm run bench:ls` (or `npx tsc -p . && node out/bench/languageService.js [--runs N]`).
 */
import * as json from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from '../server/src/documentStore';
import { createLanguageService } from '../server/src/service/languageService';
import { ecsModel } from '../server/src/service/core/schema/model';
import { taskDefinitionJsonSchema } from './jsonSchema';
import { CONTAINERS, LOGS_AND_HEALTH_CHECK, taskDefinitionText } from './taskDefinitionText';
import { compare, machineLoad, ratio, round, runBench } from './timing';

/** Budgets (ms, p95 of full diagnostics) from the design guide. */
const BUDGET_P95: Record<number, number> = { 300: 50, 3_000: 50, 30_000: 100 };

/**
 * A Fargate task definition of about `lines` lines: 10 containers (the API maximum) with ports,
 * mounts, dependencies, health checks, secrets and long environments, and two mistakes (a host port
 * and an unknown key), so both services report something.
 */
export function generateTaskDefinition(lines: number): string {
  return taskDefinitionText({
    cpu: '4096',
    memory: '16384',
    environment: Math.max(2, Math.round((lines - 20) / CONTAINERS) - 45),
    beforeEnvironment: (c) => [
      '      "cpu": 256,',
      '      "memoryReservation": 512,',
      '      "portMappings": [',
      `        { "containerPort": ${8000 + c}, "hostPort": ${c === 5 ? 9000 : 8000 + c}, "protocol": "tcp", "name": "p${c}" }`,
      '      ],',
      '      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data", "readOnly": true }],',
      c > 0
        ? '      "dependsOn": [{ "containerName": "c0", "condition": "START" }],'
        : '      "dependsOn": [],',
      ...LOGS_AND_HEALTH_CHECK,
      '      "secrets": [',
      '        { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:111122223333:parameter/db" }',
      '      ],',
      '      "ulimits": [{ "name": "nofile", "softLimit": 65536, "hardLimit": 65536 }],',
      `      "dockerLabels": { "team": "bench", "service": "c${c}" },`,
      c === 7 ? '      "stopTimout": 30,' : '      "stopTimeout": 30,',
    ],
    afterEnvironment: (_c, last) => ['      ]', last ? '    }' : '    },'],
  });
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runsOverride = runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined;
  const ecs = createLanguageService();
  const baseline = json.getLanguageService({});
  baseline.configure({
    validate: true,
    schemas: [
      {
        uri: 'ecs://task-definition.schema.json',
        fileMatch: ['*'],
        schema: taskDefinitionJsonSchema(ecsModel),
      },
    ],
  });
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes =
    sizesArg > 0 ? (process.argv[sizesArg + 1] ?? '').split(',').map(Number) : [300, 3_000, 30_000];
  for (const target of sizes) {
    const text = generateTaskDefinition(target);
    const lines = text.split('\n').length;
    const runs = runsOverride ?? (target >= 30_000 ? 60 : 200);
    const both = await bothServices(ecs, baseline, text);
    const { ours, theirs } = both;
    if (ours.length === 0)
      throw new Error(`no diagnostics on ${lines} lines: the benchmark document lost its mistakes`);

    const load = machineLoad();
    const { ours: a, baseline: b } = await both.cold(runs);
    console.log(
      JSON.stringify({
        bench: 'diagnostics',
        document: 'valid',
        cache: 'cold',
        lines,
        diagnostics: ours.length,
        baselineDiagnostics: theirs.length,
        p50Ms: round(a.p50),
        p95Ms: round(a.p95),
        baselineP50Ms: round(b.p50),
        baselineP95Ms: round(b.p95),
        ratioP95: ratio(a.p95, b.p95, theirs.length > 0),
        cpuP50Ms: round(a.cpuP50),
        cpuP95Ms: round(a.cpuP95),
        baselineCpuP50Ms: round(b.cpuP50),
        baselineCpuP95Ms: round(b.cpuP95),
        budgetP95Ms: BUDGET_P95[target],
        withinBudget: a.p95 < (BUDGET_P95[target] ?? Infinity),
        runs,
        ...load,
      }),
    );

    // Validation alone on an already parsed document (the rules, without the shared parse cost).
    const { ours: c, baseline: d } = await both.warm(runs);
    console.log(
      JSON.stringify({
        bench: 'validate-only',
        document: 'valid',
        cache: 'warm',
        lines,
        p50Ms: round(c.p50),
        p95Ms: round(c.p95),
        baselineP50Ms: round(d.p50),
        baselineP95Ms: round(d.p95),
        ratioP95: ratio(c.p95, d.p95, theirs.length > 0),
        cpuP50Ms: round(c.cpuP50),
        baselineCpuP50Ms: round(d.cpuP50),
        runs,
      }),
    );

    for (const [name, brokenText] of Object.entries(brokenVariants(text))) {
      await figure(ecs, baseline, runs, lines, name, brokenText, text);
    }
    for (const [name, start] of Object.entries({
      valid: text,
      'missing-comma': brokenVariants(text)['missing-comma'],
    })) {
      await typingSession(ecs, baseline, runs, lines, name, start);
    }
  }
}

/** The document broken as typing leaves it, in the middle: a comma missing, a string left open. */
export function brokenVariants(text: string): Record<'missing-comma' | 'unclosed-string', string> {
  const middle = text.length >> 1;
  const comma = text.indexOf(',\n', middle);
  const quote = text.indexOf('", "value"', middle);
  return {
    'missing-comma': text.slice(0, comma) + text.slice(comma + 1),
    'unclosed-string': text.slice(0, quote) + text.slice(quote + 1),
  };
}

type Ecs = ReturnType<typeof createLanguageService>;
type Baseline = ReturnType<typeof json.getLanguageService>;

/**
 * Both services over one text: each new version is one neither has parsed. Gives their
 * diagnostics of the first version, and the two timings the figures report.
 */
async function bothServices(ecs: Ecs, baseline: Baseline, text: string) {
  const uri = 'file:///bench/bench-task-def.json';
  let version = 0;
  const fresh = (): TextDocument => TextDocument.create(uri, 'json', ++version, text);
  const ours = ecs.validate(ecs.parse(fresh()));
  const firstDoc = fresh();
  const theirs = await baseline.doValidation(firstDoc, baseline.parseJSONDocument(firstDoc));
  return {
    ours,
    theirs,
    /** Full diagnostics of a document never parsed: what the server does when a file is opened. */
    cold: (runs: number) =>
      compare(
        runs,
        () => ecs.validate(ecs.parse(fresh())),
        () => {
          const doc = fresh();
          return baseline.doValidation(doc, baseline.parseJSONDocument(doc));
        },
      ),
    /**
     * Full diagnostics after an edit that toggles between `other` and this text (deleting the comma,
     * typing it again), each version parsed by ours from the one before, as the server's store does.
     */
    edit: (runs: number, other: string) => {
      const store = new DocumentStore((t, previous) => ecs.parse(t, undefined, previous));
      // The edit as the editor sends it: the changed range only (so line offsets are updated, not rebuilt).
      let start = 0;
      while (start < text.length && text[start] === other[start]) start++;
      let suffix = 0;
      while (
        suffix < Math.min(text.length, other.length) - start &&
        text[text.length - 1 - suffix] === other[other.length - 1 - suffix]
      )
        suffix++;
      const toggler = (): (() => TextDocument) => {
        const doc = TextDocument.create(uri, 'json', ++version, other);
        let broken = false;
        return () => {
          broken = !broken;
          const [from, to] = broken ? [other, text] : [text, other];
          const range = { start: doc.positionAt(start), end: doc.positionAt(from.length - suffix) };
          const change = { range, text: to.slice(start, to.length - suffix) };
          return TextDocument.update(doc, [change], doc.version + 1);
        };
      };
      const nextOurs = toggler();
      const nextTheirs = toggler();
      return compare(
        runs,
        () => ecs.validate(store.get(nextOurs())),
        () => {
          const doc = nextTheirs();
          return baseline.doValidation(doc, baseline.parseJSONDocument(doc));
        },
      );
    },
    /** Validation alone of a parsed version (the rules, without the shared parse cost). */
    warm: (runs: number) => {
      const parsed = ecs.parse(fresh());
      const baseDoc = fresh();
      const baseParsed = baseline.parseJSONDocument(baseDoc);
      return compare(
        runs,
        () => ecs.validate(parsed),
        () => baseline.doValidation(baseDoc, baseParsed),
      );
    },
  };
}

/**
 * On one broken variant: full diagnostics of the file opened (cold) and after the edit that broke it
 * or mended it (from the `valid` text and back), and validation of a parsed version (warm).
 */
async function figure(
  ecs: Ecs,
  baseline: Baseline,
  runs: number,
  lines: number,
  document: string,
  text: string,
  valid: string,
): Promise<void> {
  const {
    ours,
    theirs,
    cold: coldRuns,
    warm: warmRuns,
    edit: editRuns,
  } = await bothServices(ecs, baseline, text);
  const load = machineLoad();
  const cold = await coldRuns(runs);
  const edit = await editRuns(runs, valid);
  const warm = await warmRuns(runs);
  for (const [bench, cache, t] of [
    ['diagnostics', 'cold', cold],
    ['diagnostics', 'previous version parsed', edit],
    ['validate-only', 'warm', warm],
  ] as const) {
    console.log(
      JSON.stringify({
        bench,
        document,
        cache,
        lines,
        diagnostics: ours.length,
        baselineDiagnostics: theirs.length,
        p50Ms: round(t.ours.p50),
        p95Ms: round(t.ours.p95),
        baselineP50Ms: round(t.baseline.p50),
        baselineP95Ms: round(t.baseline.p95),
        ratioP95: ratio(t.ours.p95, t.baseline.p95, theirs.length > 0),
        cpuP50Ms: round(t.ours.cpuP50),
        baselineCpuP50Ms: round(t.baseline.cpuP50),
        runs,
        ...load,
      }),
    );
  }
}

/**
 * Types `{ "name": "TYPED", "value": "x" },` before an environment entry in the middle of the
 * document, a character per sample, each an incremental change of the previous version, followed by
 * full diagnostics of the new version, parsed from the previous one as the server's document store
 * does. At the end of the text the document starts over.
 */
async function typingSession(
  ecs: Ecs,
  baseline: Baseline,
  runs: number,
  lines: number,
  start: string,
  text: string,
): Promise<void> {
  const uri = 'file:///bench/bench-task-def.json';
  const at = text.indexOf('        { "name": "VAR_', text.length >> 1);
  const typed = '{ "name": "TYPED", "value": "x" }, ';
  const session = (): (() => TextDocument) => {
    let doc = TextDocument.create(uri, 'json', 0, text);
    let i = 0;
    return () => {
      if (i === typed.length) {
        doc = TextDocument.create(uri, 'json', doc.version + 1, text);
        i = 0;
      }
      const position = doc.positionAt(at + 8 + i);
      doc = TextDocument.update(
        doc,
        [{ range: { start: position, end: position }, text: typed[i++] ?? '' }],
        doc.version + 1,
      );
      return doc;
    };
  };
  const nextOurs = session();
  const nextTheirs = session();
  // Ours as the server runs it: its document store parses each version from the one before (only
  // what the keystroke changed is parsed again). The JSON language server parses every version whole.
  const store = new DocumentStore((t, previous) => ecs.parse(t, undefined, previous));
  let oursCount = 0;
  let theirsCount = 0;
  const load = machineLoad();
  const t = await compare(
    runs,
    () => {
      oursCount += ecs.validate(store.get(nextOurs())).length;
    },
    async () => {
      const doc = nextTheirs();
      theirsCount += (await baseline.doValidation(doc, baseline.parseJSONDocument(doc))).length;
    },
  );
  console.log(
    JSON.stringify({
      bench: 'typing',
      document: start,
      cache: 'previous version parsed',
      lines,
      keystrokes: runs,
      p50Ms: round(t.ours.p50),
      p95Ms: round(t.ours.p95),
      baselineP50Ms: round(t.baseline.p50),
      baselineP95Ms: round(t.baseline.p95),
      ratioP95: ratio(t.ours.p95, t.baseline.p95, theirsCount > 0),
      cpuP50Ms: round(t.ours.cpuP50),
      baselineCpuP50Ms: round(t.baseline.cpuP50),
      meanDiagnostics: round(oursCount / (runs + Math.min(10, runs))),
      runs,
      ...load,
    }),
  );
}

if (require.main === module) runBench(main);
