/**
 * The paged listings of the AWS gateway (awsGateway.ts) that take more than one call: tasks (listed
 * 100 at a time, each page described while the next is listed), container instances (the same
 * way) and the revisions of a task definition family (ACTIVE and INACTIVE, newest first).
 */
import { toContainerInstance, toTask } from './awsMappers';
import {
  parseTaskDefinitionArn,
  type ContainerInstance,
  type Task,
  type TaskDefinitionRef,
  type TaskQuery,
} from './gateway';
import type { AwsGatewayOptions, Sender } from './gatewayRequests';

/** One request of the gateway, for the connection and priority of the listing. */
export type ListingSend = <O>(operation: string, sender: Sender<O>) => Promise<O>;

/** The tasks of a cluster (or of one service), newest first, up to `q.limit` (default 1000). */
export async function listTaskPages(
  send: ListingSend,
  cluster: string,
  q: TaskQuery,
  log: AwsGatewayOptions['log'],
): Promise<Task[]> {
  const limit = q.limit ?? 1000;
  const described: Promise<Task[]>[] = [];
  let nextToken: string | undefined;
  let listed = 0;
  do {
    const page = await send('ListTasks', (sdk, client, opts) =>
      client.send(
        new sdk.ListTasksCommand({
          cluster,
          desiredStatus: q.desiredStatus,
          maxResults: Math.min(100, limit - listed),
          nextToken,
          ...(q.serviceName ? { serviceName: q.serviceName } : {}),
        }),
        opts,
      ),
    );
    const arns = page.taskArns ?? [];
    listed += arns.length;
    if (arns.length > 0) {
      described.push(
        send('DescribeTasks', (sdk, client, opts) =>
          client.send(new sdk.DescribeTasksCommand({ cluster, tasks: arns }), opts),
        ).then((r) => {
          // Tasks can vanish between ListTasks and DescribeTasks (stopped tasks age out): skip them.
          if (r.failures?.length) log?.('debug', `DescribeTasks failures: ${r.failures.length}`);
          return (r.tasks ?? []).map(toTask);
        }),
      );
    }
    nextToken = page.nextToken;
  } while (nextToken && listed < limit);
  const tasks = (await Promise.all(described)).flat();
  const newest = (t: Task): number => (t.stoppedAt ?? t.startedAt)?.getTime() ?? 0;
  return tasks.sort((a, b) => newest(b) - newest(a) || a.id.localeCompare(b.id));
}

/** The revisions of a family, ACTIVE and INACTIVE, newest first. */
export async function listTaskDefinitionRefs(
  send: ListingSend,
  family: string,
): Promise<TaskDefinitionRef[]> {
  const listStatus = async (status: 'ACTIVE' | 'INACTIVE'): Promise<TaskDefinitionRef[]> => {
    const refs: TaskDefinitionRef[] = [];
    let nextToken: string | undefined;
    do {
      const r = await send('ListTaskDefinitions', (sdk, client, opts) =>
        client.send(
          new sdk.ListTaskDefinitionsCommand({
            familyPrefix: family,
            status,
            sort: 'DESC',
            maxResults: 100,
            nextToken,
          }),
          opts,
        ),
      );
      for (const arn of r.taskDefinitionArns ?? []) {
        const parsed = parseTaskDefinitionArn(arn);
        // familyPrefix is a prefix: `web` also lists `web-worker`.
        if (parsed.family === family) refs.push({ arn, family, revision: parsed.revision, status });
      }
      nextToken = r.nextToken;
    } while (nextToken && refs.length < 1000);
    return refs;
  };
  const [active, inactive] = await Promise.all([listStatus('ACTIVE'), listStatus('INACTIVE')]);
  return [...active, ...inactive].sort((a, b) => b.revision - a.revision);
}

/** Every container instance of a cluster, by EC2 instance id (then id), each page described. */
export async function listContainerInstancePages(
  send: ListingSend,
  cluster: string,
): Promise<ContainerInstance[]> {
  const described: Promise<ContainerInstance[]>[] = [];
  let nextToken: string | undefined;
  do {
    const page = await send('ListContainerInstances', (sdk, client, opts) =>
      client.send(new sdk.ListContainerInstancesCommand({ cluster, maxResults: 100, nextToken }), opts),
    );
    const arns = page.containerInstanceArns ?? [];
    if (arns.length > 0)
      described.push(
        send('DescribeContainerInstances', (sdk, client, opts) =>
          client.send(new sdk.DescribeContainerInstancesCommand({ cluster, containerInstances: arns }), opts),
        ).then((r) => (r.containerInstances ?? []).map(toContainerInstance)),
      );
    nextToken = page.nextToken;
  } while (nextToken);
  const key = (ci: ContainerInstance): string => ci.ec2InstanceId ?? ci.id;
  return (await Promise.all(described)).flat().sort((a, b) => key(a).localeCompare(key(b)));
}
