/** Realistic, valid task definitions (test/fixtures/taskdefs/valid) must produce no error and no warning. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/languageService';

const dir = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'taskdefs', 'valid');
const service = createLanguageService();

describe('valid task definitions', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

  it('include the usual shapes', () => {
    for (const expected of [
      'fargate-web-sidecar.json',
      'ec2-bridge-dynamic-ports.json',
      'windows-fargate.json',
      'arm64-graviton.json',
      'gpu-ec2.json',
      'efs-fargate.json',
      'firelens.json',
      'describe-output.json',
    ]) {
      assert.ok(files.includes(expected), expected);
    }
  });

  for (const file of files) {
    it(`${file} has no error or warning`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const doc = service.parse(TextDocument.create(`file://${path.join(dir, file)}`, 'json', 1, text));
      assert.equal(doc.kind, 'taskDefinition');
      const problems = service
        .validate(doc)
        .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
        .map(
          (d) =>
            `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`,
        );
      assert.deepEqual(problems, []);
    });
  }
});
