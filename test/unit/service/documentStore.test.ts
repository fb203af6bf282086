/** The server's bounded document cache: least recently used trees go, re-parsing gives the same answers. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../../server/src/documentCache';
import { DocumentStore } from '../../../server/src/documentStore';
import type { EcsDocument } from '../../../server/src/service/core/ecsDocument';
import { createLanguageService } from '../../../server/src/service/languageService';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const invalid = fs.readFileSync(
  path.join(root, 'test/fixtures/taskdefs/invalid/fargate-mistakes.json'),
  'utf8',
);

function open(n: number): TextDocument[] {
  return Array.from({ length: n }, (_, i) =>
    TextDocument.create(`file:///w/app-${i}-task-def.json`, 'json', 1, invalid),
  );
}

/** A store of `capacity` trees over the real parser, counting the parses it asks for. */
function countingStore(capacity: number): { store: DocumentStore; parses: () => number } {
  const service = createLanguageService();
  let parses = 0;
  const store = new DocumentStore((t) => {
    parses++;
    return service.parse(t);
  }, capacity);
  return { store, parses: () => parses };
}

describe('DocumentStore', () => {
  it('keeps the trees of the most recently used documents only', () => {
    const { store, parses } = countingStore(3);
    const docs = open(5);
    for (const d of docs) store.get(d);
    assert.equal(store.size, 3);
    assert.deepEqual(
      docs.map((d) => store.isParsed(d.uri)),
      [false, false, true, true, true],
    );
    // A hit refreshes recency: docs[2] survives the next miss, docs[3] goes.
    const before = parses();
    store.get(docs[2]!);
    assert.equal(parses(), before, 'a kept tree is not parsed again');
    store.get(docs[0]!);
    assert.equal(parses(), before + 1);
    assert.deepEqual(
      docs.map((d) => store.isParsed(d.uri)),
      [true, false, true, false, true],
    );
  });

  it('parses an evicted document again on demand, with identical diagnostics', () => {
    const service = createLanguageService();
    const cache = new DocumentCache(service, 2);
    const docs = open(4);
    const first = docs.map((d) => service.validate(cache.get(d)));
    assert.ok(first[0]!.length > 0, 'the fixture has mistakes');
    assert.ok(!cache.isParsed(docs[0]!.uri));
    const again = service.validate(cache.get(docs[0]!));
    assert.deepEqual(again, first[0]);
    assert.deepEqual(again, service.validate(service.parse(docs[0]!)));
  });

  it('answers the kind of a version it saw without parsing it again', () => {
    const { store, parses } = countingStore(1);
    const [a, b] = open(2);
    store.get(a!);
    store.get(b!);
    const before = parses();
    assert.equal(store.kindOf(a!), 'taskDefinition');
    assert.equal(parses(), before);
    // A new version is parsed.
    const edited = TextDocument.update(a!, [{ text: '{}' }], 2);
    assert.equal(store.kindOf(edited), 'taskDefinition', 'by its name');
    assert.equal(parses(), before + 1);
  });

  it('forgets a closed document and everything on clear', () => {
    const service = createLanguageService();
    const seen: EcsDocument[] = [];
    const store = new DocumentStore((t) => {
      const d = service.parse(t);
      seen.push(d);
      return d;
    }, 4);
    const [a, b] = open(2);
    store.get(a!);
    store.get(b!);
    store.delete(a!.uri);
    assert.ok(!store.isParsed(a!.uri));
    store.clear();
    assert.equal(store.size, 0);
    assert.notEqual(store.get(b!), seen[1], 'parsed again after clear');
  });

  it('parses an edited version from the previous one and reports what a fresh parse reports', () => {
    const service = createLanguageService();
    const cache = new DocumentCache(service);
    // The editor's document object is updated in place, as the LSP TextDocuments manager does.
    const doc = TextDocument.create('file:///w/edited-task-def.json', 'json', 1, invalid);
    const fresh = (t: TextDocument): ReturnType<typeof service.validate> =>
      service.validate(service.parse(TextDocument.create(t.uri, 'json', t.version, t.getText())));
    assert.deepStrictEqual(service.validate(cache.get(doc)), fresh(doc));
    // Type a new environment variable into the first container, one character at a time.
    const at = invalid.indexOf('"portMappings"');
    assert.ok(at > 0, 'the fixture has port mappings');
    const typed = '"environment": [{ "name": "LOG_LEVEL", "value": "debug" }], ';
    let broken = 0;
    for (let i = 0; i < typed.length; i++) {
      const position = doc.positionAt(at + i);
      TextDocument.update(
        doc,
        [{ range: { start: position, end: position }, text: typed[i] ?? '' }],
        doc.version + 1,
      );
      const incremental = service.validate(cache.get(doc));
      assert.deepStrictEqual(
        incremental,
        fresh(doc),
        `after typing ${JSON.stringify(typed.slice(0, i + 1))}`,
      );
      if (incremental.some((d) => d.code === 'ECS001')) broken++;
    }
    assert.ok(broken > typed.length / 2, `most intermediate states are broken JSON (${broken})`);
  });
});
