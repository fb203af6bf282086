/**
 * The emulator and the client's deployment watcher each keep the documented order of the service
 * deployment lifecycle stages (ServiceDeploymentLifecycleStage): the emulator to run deployments
 * through them, the watcher to list the stages that passed between two polls. Neither imports the
 * other (docs/architecture.md), so this checks that they agree.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STAGE_ORDER } from '../../../client/src/aws/deploy/serviceDeploymentStages';
import { LIFECYCLE_STAGES } from '../../../emulator/model';

describe('emulator and client agree on documented facts', () => {
  it('lifecycle stages: the same stages in the same order', () => {
    assert.deepEqual([...LIFECYCLE_STAGES], [...STAGE_ORDER]);
  });
});
