import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { errorOf, suiteEmulator } from './helpers';

/**
 * The page sizes and batch limits an explorer runs into, as the Amazon ECS API Reference gives them
 * (API_ListServices.html, API_DescribeServices.html, API_ListTasks.html, API_DescribeTasks.html):
 * ListServices returns 10 ARNs when maxResults is not given and takes at most 100; DescribeServices
 * takes at most 10 services; ListTasks returns up to 100 and takes at most 100; DescribeTasks takes
 * at most 100 tasks. Over a Describe* limit AWS answers InvalidParameterException with the wording
 * below ("service names can have at most 10 items.", "taskIds can have at most 100 items."), the
 * messages clients report when they forget to batch.
 */
describe('emulator parity: ListServices / DescribeServices / ListTasks / DescribeTasks limits', () => {
  // 60 services of 2 running tasks: more than a default ListServices page, more than 100 tasks.
  const c = suiteEmulator({ scenario: 'big', services: 60 });

  it('ListServices: 10 ARNs without maxResults, up to 100 with it, and no more', async () => {
    const first = await c.ecs.send(new ListServicesCommand({ cluster: 'big' }));
    assert.equal(first.serviceArns?.length, 10);
    assert.ok(first.nextToken, 'a default page of 10 out of 60 has a next page');
    const hundred = await c.ecs.send(new ListServicesCommand({ cluster: 'big', maxResults: 100 }));
    assert.equal(hundred.serviceArns?.length, 60);
    assert.equal(hundred.nextToken, undefined);
    const tooMany = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'big', maxResults: 101 })));
    assert.ok(tooMany instanceof InvalidParameterException);
  });

  it('DescribeServices: 10 services per call; 11 is InvalidParameterException with AWS wording', async () => {
    const arns = (await c.ecs.send(new ListServicesCommand({ cluster: 'big', maxResults: 11 }))).serviceArns;
    assert.equal(arns?.length, 11);
    const ten = await c.ecs.send(
      new DescribeServicesCommand({ cluster: 'big', services: arns?.slice(0, 10) }),
    );
    assert.equal(ten.services?.length, 10);
    const eleven = await errorOf(c.ecs.send(new DescribeServicesCommand({ cluster: 'big', services: arns })));
    assert.ok(eleven instanceof InvalidParameterException);
    assert.equal(eleven.message, 'service names can have at most 10 items.');
  });

  it('ListTasks: 100 ARNs per page by default and at most; DescribeTasks: 100 tasks per call', async () => {
    const page = await c.ecs.send(new ListTasksCommand({ cluster: 'big', desiredStatus: 'RUNNING' }));
    assert.equal(page.taskArns?.length, 100);
    assert.ok(page.nextToken, '120 running tasks do not fit one page');
    const rest = await c.ecs.send(
      new ListTasksCommand({ cluster: 'big', desiredStatus: 'RUNNING', nextToken: page.nextToken }),
    );
    assert.equal(rest.taskArns?.length, 20);
    const tooMany = await errorOf(c.ecs.send(new ListTasksCommand({ cluster: 'big', maxResults: 101 })));
    assert.ok(tooMany instanceof InvalidParameterException);

    const hundred = page.taskArns ?? [];
    const described = await c.ecs.send(new DescribeTasksCommand({ cluster: 'big', tasks: hundred }));
    assert.equal(described.tasks?.length, 100);
    const over = [...hundred, ...(rest.taskArns ?? []).slice(0, 1)];
    const refused = await errorOf(c.ecs.send(new DescribeTasksCommand({ cluster: 'big', tasks: over })));
    assert.ok(refused instanceof InvalidParameterException);
    assert.equal(refused.message, 'taskIds can have at most 100 items.');
  });
});
