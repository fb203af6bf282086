/**
 * Memory benchmark: heap after GC per open document and per indexed workspace file, with 50 open
 * task definitions of about 3,000 lines, in one process:
 *
 * - `ours`: what the server keeps for an open document — its text (`TextDocument`), the bounded
 *   document cache (`DocumentCache`, trees of the 8 most recently used documents) and its summary in
 *   the workspace index — after diagnostics ran on each;
 * - `unbounded`: the same with a tree kept for every open document (the cache before the LRU);
 * - `baseline`: vscode-json-languageservice holding the same documents: `TextDocument` and its
 *   `JSONDocument` per file, after `doValidation` on each (JSON Schema from the same model).
 *
 * Per indexed file: `WorkspaceTaskDefinitions` reading N files from disk (it keeps a summary of each)
 * against keeping each file's `JSONDocument`. Scenarios run interleaved, in rotating order, `--rounds`
 * times; figures are medians. Run: `npm run bench:memory` (needs `node --expose-gc`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as json from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../server/src/documentCache';
import { ecsModel } from '../server/src/service/core/schema/model';
import { createLanguageService } from '../server/src/service/languageService';
import { WorkspaceTaskDefinitions } from '../server/src/workspaceTaskDefinitions';
import { taskDefinitionJsonSchema } from './jsonSchema';
import { generateTaskDefinition } from './languageService';
import { machineLoad, round, runBench } from './timing';

/** Budget: heap per open 3,000-line document at most 1.5× the JSON language service's. */
const BUDGET_RATIO = 1.5;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  if (!gc) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** A fresh copy (new string) of the document text, one family per document. */
const textOf = (template: string, i: number): string =>
  template.replace('"family": "bench"', `"family": "bench-${i}"`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

type Scenario = () => Promise<unknown>;

/**
 * Heap after GC with what `scenario` returns alive, minus before. In a function of its own, so that
 * nothing of one scenario stays reachable from the caller's frame into the next measurement.
 */
async function measure(scenario: Scenario | undefined): Promise<number> {
  const before = heapAfterGc();
  const kept = await scenario?.();
  const after = heapAfterGc();
  if (kept === null) throw new Error('unreachable: keeps `kept` alive until after the measurement');
  return after - before;
}

async function main(): Promise<void> {
  const rounds = Number(option('--rounds') ?? 3);
  const openCount = Number(option('--open') ?? 50);
  const indexedCount = Number(option('--indexed') ?? 200);
  const lines = Number(option('--lines') ?? 3_000);
  const template = generateTaskDefinition(lines);
  const service = createLanguageService();
  const jsonService = json.getLanguageService({});
  jsonService.configure({
    validate: true,
    schemas: [{ uri: 'ecs://td.schema.json', fileMatch: ['*'], schema: taskDefinitionJsonSchema(ecsModel) }],
  });
  const uriOf = (i: number): string => `file:///bench/open/app-${i}-task-def.json`;

  const openOurs =
    (capacity: number | undefined): Scenario =>
    () => {
      const cache = new DocumentCache(service, capacity);
      const index = new WorkspaceTaskDefinitions(
        (t) => service.parse(t),
        () => undefined,
      );
      const documents = new Map<string, TextDocument>();
      for (let i = 0; i < openCount; i++) {
        const textDocument = TextDocument.create(uriOf(i), 'json', 1, textOf(template, i));
        documents.set(textDocument.uri, textDocument);
        const doc = cache.get(textDocument);
        service.validate(doc);
        index.setOpenDocument(doc);
      }
      index.index();
      return Promise.resolve({ cache, index, documents });
    };
  const openBaseline: Scenario = async () => {
    const documents = new Map<string, { textDocument: TextDocument; jsonDocument: json.JSONDocument }>();
    for (let i = 0; i < openCount; i++) {
      const textDocument = TextDocument.create(uriOf(i), 'json', 1, textOf(template, i));
      const jsonDocument = jsonService.parseJSONDocument(textDocument);
      await jsonService.doValidation(textDocument, jsonDocument);
      documents.set(textDocument.uri, { textDocument, jsonDocument });
    }
    return documents;
  };

  // The workspace: files on disk that the index reads (it keeps summaries only).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-memory-bench-'));
  const files = Array.from({ length: indexedCount }, (_, i) => {
    const file = path.join(dir, `svc-${i}-task-def.json`);
    fs.writeFileSync(file, textOf(template, i));
    return file;
  });
  const indexOurs: Scenario = async () => {
    const index = new WorkspaceTaskDefinitions(
      (t) => service.parse(t),
      () => undefined,
    );
    await index.scan([pathToFileURL(dir).href]);
    if (index.index().families().length !== indexedCount) throw new Error('index lost files');
    return index;
  };
  const indexBaseline: Scenario = () =>
    Promise.resolve(
      files.map((file) => {
        const textDocument = TextDocument.create(
          pathToFileURL(file).href,
          'json',
          0,
          fs.readFileSync(file, 'utf8'),
        );
        return jsonService.parseJSONDocument(textDocument);
      }),
    );

  const scenarios: Record<string, Scenario> = {
    ours: openOurs(undefined),
    unbounded: openOurs(Infinity),
    baseline: openBaseline,
    indexOurs,
    indexBaseline,
  };
  const names = Object.keys(scenarios);
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  // Warm-up: every code path compiled and every lazy table built before the first measurement.
  for (const name of names) await measure(scenarios[name]);
  for (let r = 0; r < rounds; r++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(r + j) % names.length] ?? '';
      samples.get(name)?.push(await measure(scenarios[name]));
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const mb = (bytes: number): number => round(bytes / 2 ** 20);
  const per = (name: string, n: number): number => median(samples.get(name) ?? []) / n;
  const ours = per('ours', openCount);
  const unbounded = per('unbounded', openCount);
  const baseline = per('baseline', openCount);
  const load = machineLoad();
  console.log(
    JSON.stringify({
      bench: 'memory-open',
      lines: template.split('\n').length,
      documents: openCount,
      parsedKept: new DocumentCache(service).capacity,
      heapMb: mb(median(samples.get('ours') ?? [])),
      unboundedHeapMb: mb(median(samples.get('unbounded') ?? [])),
      baselineHeapMb: mb(median(samples.get('baseline') ?? [])),
      perDocumentMb: mb(ours),
      unboundedPerDocumentMb: mb(unbounded),
      baselinePerDocumentMb: mb(baseline),
      ratio: round(ours / baseline),
      unboundedRatio: round(unbounded / baseline),
      budgetRatio: BUDGET_RATIO,
      withinBudget: ours <= baseline * BUDGET_RATIO,
      rounds,
      ...load,
    }),
  );
  const indexed = per('indexOurs', indexedCount);
  const indexedBaseline = per('indexBaseline', indexedCount);
  console.log(
    JSON.stringify({
      bench: 'memory-indexed',
      lines: template.split('\n').length,
      files: indexedCount,
      perFileKb: round(indexed / 1024),
      baselinePerFileKb: round(indexedBaseline / 1024),
      ratio: round(indexed / indexedBaseline),
      rounds,
      ...load,
    }),
  );
}

if (require.main === module) runBench(main);
