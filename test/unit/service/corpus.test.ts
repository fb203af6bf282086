/**
 * Accuracy on files no one here wrote. `test/corpus/` holds real task definitions, service definitions
 * and Copilot manifests copied byte for byte from public repositories (sources in SOURCES-*.md);
 * `test/corpus/triage.json` records every finding `ecs-lint` makes on them with a verdict and a source.
 *
 * - The findings must equal the triaged ones: a new finding or a vanished one fails with the list.
 * - No triaged finding outside Copilot manifests may be false (a false finding is a bug to fix, never
 *   an entry to accept). Copilot entries are owned by the Copilot model work (`owner: copilot-model`).
 * - `test/corpus/planted/` holds copies of corpus files with one real mistake each, listed in
 *   `planted/expected.json`; every one must be found (recall).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { type CorpusFinding, corpusFiles, lintCorpus } from '../../../scripts/corpusFindings';

const corpus = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'corpus');
const planted = path.join(corpus, 'planted');

interface TriageEntry {
  readonly file: string;
  readonly code: string;
  readonly line: number;
  readonly verdict: 'true' | 'false';
  readonly reason: string;
  readonly owner?: string;
}

interface PlantedEntry {
  readonly file: string;
  readonly code: string;
  readonly line: number;
  readonly mistake?: string;
}

const keyOf = (f: { file: string; code: string; line: number }): string => `${f.file}:${f.line} ${f.code}`;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

describe('accuracy on the real-world corpus', { skip: !fs.existsSync(corpus) }, () => {
  const findings: CorpusFinding[] = fs.existsSync(corpus) ? lintCorpus(corpus) : [];
  const triage: TriageEntry[] = fs.existsSync(path.join(corpus, 'triage.json'))
    ? readJson<TriageEntry[]>(path.join(corpus, 'triage.json'))
    : [];

  it('reports exactly the triaged findings', () => {
    const found = new Map(findings.map((f) => [keyOf(f), f]));
    const triaged = new Set(triage.map(keyOf));
    const untriaged = [...found.keys()].filter((k) => !triaged.has(k));
    const gone = [...triaged].filter((k) => !found.has(k));
    assert.deepEqual(
      { untriaged: untriaged.map((k) => `${k}: ${found.get(k)?.message ?? ''}`), gone },
      { untriaged: [], gone: [] },
      'update test/corpus/triage.json (verdict and source for each new finding) or fix the rule',
    );
  });

  it('has no false finding: a finding triaged false is a bug to fix, never an entry to accept', () => {
    const falseOnes = triage.filter((t) => t.verdict === 'false');
    assert.deepEqual(falseOnes.map(keyOf), []);
    for (const t of triage) {
      assert.ok(t.verdict === 'true' || t.verdict === 'false', `${keyOf(t)}: verdict`);
      assert.ok(t.reason.length > 10, `${keyOf(t)}: a reason with a source`);
      if (t.file.startsWith('copilot/')) assert.equal(t.owner, 'copilot-model', `${keyOf(t)}: owner`);
    }
  });

  it('finds every planted mistake (recall)', { skip: !fs.existsSync(planted) }, () => {
    const expected = readJson<PlantedEntry[]>(path.join(planted, 'expected.json'));
    const found = new Set(lintCorpus(planted, corpusFiles(planted, [])).map(keyOf));
    const missed = expected.filter((e) => !found.has(keyOf(e)));
    const recall = (expected.length - missed.length) / expected.length;
    assert.deepEqual(
      missed.map((m) => `${keyOf(m)} (${m.mistake ?? ''})`),
      [],
      `recall ${(recall * 100).toFixed(0)} %`,
    );
  });
});
