/**
 * Completion benchmark: p50/p95 of `doComplete` on task definitions of about 300, 3,000 and 30,000
 * lines, against vscode-json-languageservice's `doComplete` on the same documents with a JSON Schema
 * exported from the same model, in the same process. Prints one JSON object per line and figure.
 *
 * Run: `npm run bench:completion` (or `npx tsc -p . && node out/bench/completion.js [--runs N]`, default 300)
 */
import * as json from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { DocumentStore } from '../server/src/documentStore';
import { createLanguageService } from '../server/src/service/languageService';
import { ecsModel } from '../server/src/service/core/schema/model';
import { taskDefinitionJsonSchema } from './jsonSchema';
import { CONTAINERS, LOGS_AND_HEALTH_CHECK, taskDefinitionText } from './taskDefinitionText';
import { compare, machineLoad, ratio, round, runBench } from './timing';

/** Where completion is asked, each marked in the generated text by a unique token. */
const CARETS = {
  /** A new key in the last container. */
  key: '"__caretKey": 0',
  /** Task memory (Fargate values valid for the cpu). */
  memory: '"memory": "512"',
  /** A dependsOn target in the last container. */
  containerName: '"containerName": "c0"',
  /** An enum value in the middle of the document. */
  protocol: '"protocol": "tcp"',
} as const;

type CaretName = keyof typeof CARETS;

/** A task definition of about `lines` lines: 10 containers (the API maximum) with long environments. */
export function generateTaskDefinition(lines: number): string {
  return taskDefinitionText({
    cpu: '256',
    memory: '512',
    // Each environment entry is one line; the rest of a container is about 40 lines.
    environment: Math.max(1, Math.round((lines - 30) / CONTAINERS) - 40),
    beforeEnvironment: (c) => [
      '      "cpu": 16,',
      '      "memoryReservation": 32,',
      '      "portMappings": [',
      `        { "containerPort": ${8000 + c}, "protocol": "tcp", "name": "p${c}" }`,
      '      ],',
      '      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data", "readOnly": true }],',
      ...LOGS_AND_HEALTH_CHECK,
      '      "ulimits": [{ "name": "nofile", "softLimit": 65536, "hardLimit": 65536 }],',
      '      "dockerLabels": { "team": "bench", "service": "c' + String(c) + '" },',
    ],
    // The last container holds the carets: a dependsOn target and an empty key slot.
    afterEnvironment: (c, last) => [
      '      ],',
      ...(c > 0
        ? [
            `      "dependsOn": [{ ${last ? CARETS.containerName : `"containerName": "c0"`}, "condition": "START" }],`,
          ]
        : []),
      ...(last ? [`      ${CARETS.key},`] : []),
      '      "stopTimeout": 30',
      last ? '    }' : '    },',
    ],
  });
}

/** The text without the caret key, and the offset of each caret. */
function prepare(text: string): { text: string; carets: Record<CaretName, number> } {
  // The key caret sits in an empty slot: remove the placeholder property, keep the comma structure.
  const keyAt = text.indexOf(CARETS.key);
  const clean = text.slice(0, keyAt) + text.slice(keyAt + CARETS.key.length + 1);
  const find = (token: string, shift: number, from = 0): number => {
    const at = clean.indexOf(token, from);
    if (at < 0) throw new Error(`caret ${token} not found`);
    return at + shift;
  };
  return {
    text: clean,
    carets: {
      key: keyAt,
      memory: find(CARETS.memory, '"memory": "'.length),
      containerName: clean.lastIndexOf(CARETS.containerName) + '"containerName": "'.length,
      protocol: find(CARETS.protocol, '"protocol": "'.length, Math.floor(clean.length / 2)),
    },
  };
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 300;
  const ecs = createLanguageService();
  const baseline = json.getLanguageService({});
  baseline.configure({
    validate: false,
    schemas: [
      {
        uri: 'ecs://task-definition.schema.json',
        fileMatch: ['*'],
        schema: taskDefinitionJsonSchema(ecsModel),
      },
    ],
  });
  for (const target of [300, 3_000, 30_000]) {
    const { text, carets } = prepare(generateTaskDefinition(target));
    const lines = text.split('\n').length;
    const textDocument = TextDocument.create('file:///bench/bench-task-def.json', 'json', 1, text);
    const doc = ecs.parse(textDocument);
    const jsonDoc = baseline.parseJSONDocument(textDocument);
    for (const caret of Object.keys(carets) as CaretName[]) {
      const position = textDocument.positionAt(carets[caret]);
      const ours = ecs.doComplete(doc, position);
      const theirs = await baseline.doComplete(textDocument, position, jsonDoc);
      if (ours.items.length === 0) throw new Error(`no completion at ${caret} on ${lines} lines`);
      const { ours: a, baseline: b } = await compare(
        runs,
        () => ecs.doComplete(doc, position),
        () => baseline.doComplete(textDocument, position, jsonDoc),
        20,
      );
      const baselineItems = theirs?.items.length ?? 0;
      console.log(
        JSON.stringify({
          bench: 'completion',
          lines,
          caret,
          items: ours.items.length,
          baselineItems,
          p50Ms: round(a.p50),
          p95Ms: round(a.p95),
          baselineP50Ms: round(b.p50),
          baselineP95Ms: round(b.p95),
          ratioP95: ratio(a.p95, b.p95, baselineItems > 0),
          runs,
          ...machineLoad(),
        }),
      );
    }
    // What the editor pays on each keystroke: the new version parsed, then completion. The keystroke
    // types a space before the caret and the next one deletes it. Ours parses each version from the
    // one before, as the server's document store does; the JSON language server parses it whole.
    const caretOffset = carets.key;
    const keystrokes = (): (() => { doc: TextDocument; position: Position }) => {
      const doc = TextDocument.create(textDocument.uri, 'json', 1, text);
      let spaced = false;
      return () => {
        spaced = !spaced;
        const start = doc.positionAt(caretOffset);
        const end = spaced ? start : doc.positionAt(caretOffset + 1);
        TextDocument.update(doc, [{ range: { start, end }, text: spaced ? ' ' : '' }], doc.version + 1);
        return { doc, position: doc.positionAt(caretOffset + (spaced ? 1 : 0)) };
      };
    };
    const nextOurs = keystrokes();
    const nextTheirs = keystrokes();
    const store = new DocumentStore((t, previous) => ecs.parse(t, undefined, previous));
    const { ours: a, baseline: b } = await compare(
      Math.max(20, Math.floor(runs / 4)),
      () => {
        const { doc: edited, position } = nextOurs();
        return ecs.doComplete(store.get(edited), position);
      },
      () => {
        const { doc: edited, position } = nextTheirs();
        return baseline.doComplete(edited, position, baseline.parseJSONDocument(edited));
      },
      20,
    );
    console.log(
      JSON.stringify({
        bench: 'completion+parse',
        lines,
        caret: 'key',
        cache: 'previous version parsed',
        p50Ms: round(a.p50),
        p95Ms: round(a.p95),
        baselineP50Ms: round(b.p50),
        baselineP95Ms: round(b.p95),
        ratioP95: ratio(a.p95, b.p95, true),
      }),
    );
  }
}

runBench(main);
