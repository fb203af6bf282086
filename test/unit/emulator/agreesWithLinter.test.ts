/**
 * The emulator models AWS from AWS's documentation and keeps its own copies of the facts it
 * enforces, so a linter bug cannot hide behind an emulator with the same bug. Where both encode the
 * same documented fact, they must agree: a disagreement means one of them misreads AWS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { READ_ONLY_TASK_DEFINITION_FIELDS as CLIENT_FIELDS } from '../../../client/src/aws/deploy/normalize';
import {
  READ_ONLY_FIELDS as EMULATOR_FIELDS,
  fargateMemoryOptions,
} from '../../../emulator/ecs/validateTaskDefinition';
import { FARGATE_SIZES } from '../../../server/src/service/taskDefinition/fargate';
import { READ_ONLY_TASK_DEFINITION_FIELDS } from '../../../server/src/service/taskDefinition/readOnlyFieldNames';

describe('emulator and linter agree on documented facts', () => {
  it('read-only task definition fields: the same set in linter, client and emulator', () => {
    assert.deepEqual([...EMULATOR_FIELDS].sort(), [...READ_ONLY_TASK_DEFINITION_FIELDS].sort());
    assert.equal(CLIENT_FIELDS, READ_ONLY_TASK_DEFINITION_FIELDS, 'the client uses the linter list itself');
  });

  it('Fargate cpu/memory table: the same pairs, and nothing outside the table', () => {
    for (const size of FARGATE_SIZES) {
      assert.deepEqual(fargateMemoryOptions(size.cpu), [...size.memory], `cpu ${size.cpu}`);
    }
    for (const cpu of [0, 128, 255, 257, 3072, 32768]) {
      assert.deepEqual(fargateMemoryOptions(cpu), [], `cpu ${cpu} is no Fargate size`);
    }
  });
});
