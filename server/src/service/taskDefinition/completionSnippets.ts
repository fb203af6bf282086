/**
 * The snippets task-definition completion inserts — a whole Fargate task, a container, awslogs,
 * a health check, a port mapping — and the awslogs driver's options, filled from the task itself
 * (its family and Region) where it names them.
 */
import { stringProperty } from '../core/jsonNodes';
import { type TaskContext, regionOf } from './taskContext';

/** Escapes text for use inside a snippet placeholder or literal. */
export function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

export function familyOf(ctx: TaskContext): string {
  return stringProperty(ctx.task, 'family') ?? 'my-app';
}

export function awslogsObject(ctx: TaskContext, tab: number): string {
  const region = regionOf(ctx.task) ?? 'us-east-1';
  return [
    '{',
    '\t"logDriver": "awslogs",',
    '\t"options": {',
    `\t\t"awslogs-group": "\${${tab}:/ecs/${snippetEscape(familyOf(ctx))}}",`,
    `\t\t"awslogs-region": "\${${tab + 1}:${snippetEscape(region)}}",`,
    `\t\t"awslogs-stream-prefix": "\${${tab + 2}:ecs}"`,
    '\t}',
    '}',
  ].join('\n');
}

export const HEALTH_CHECK_OBJECT = [
  '{',
  '\t"command": ["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"],',
  '\t"interval": ${2:30},',
  '\t"timeout": ${3:5},',
  '\t"retries": ${4:3},',
  '\t"startPeriod": ${5:10}',
  '}',
].join('\n');

export const PORT_MAPPING_OBJECT = '{ "containerPort": ${1:80}, "protocol": "${2|tcp,udp|}" }';

export function containerObject(ctx: TaskContext): string {
  const logs = awslogsObject(ctx, 4).replace(/\n/g, '\n\t');
  return [
    '{',
    '\t"name": "${1:app}",',
    '\t"image": "${2:public.ecr.aws/docker/library/nginx:latest}",',
    '\t"essential": true,',
    '\t"portMappings": [{ "containerPort": ${3:80}, "protocol": "tcp" }],',
    `\t"logConfiguration": ${logs}`,
    '}',
  ].join('\n');
}

export const TASK_SKELETON = [
  '{',
  '\t"family": "${1:my-app}",',
  '\t"requiresCompatibilities": ["FARGATE"],',
  '\t"networkMode": "awsvpc",',
  '\t"cpu": "${2|256,512,1024,2048,4096|}",',
  '\t"memory": "${3:512}",',
  '\t"executionRoleArn": "${4:arn:aws:iam::123456789012:role/ecsTaskExecutionRole}",',
  '\t"containerDefinitions": [',
  '\t\t{',
  '\t\t\t"name": "${5:app}",',
  '\t\t\t"image": "${6:public.ecr.aws/docker/library/nginx:latest}",',
  '\t\t\t"essential": true,',
  '\t\t\t"portMappings": [{ "containerPort": ${7:80}, "protocol": "tcp" }]',
  '\t\t}',
  '\t]',
  '}',
].join('\n');

/**
 * The awslogs driver's options (`logConfiguration.options` is a free-form map in the API model).
 * Source: "Using the awslogs log driver" in the ECS developer guide. A table, one row an option:
 * name, value snippet, documentation (kept one row a line, so not formatted).
 */
// prettier-ignore
export const AWSLOGS_OPTIONS: readonly (readonly [string, string, string])[] = [
  ['awslogs-group', '"/ecs/$1"', 'The CloudWatch Logs log group (required).'],
  ['awslogs-region', '"$1"', 'The Region of the log group (required).'],
  ['awslogs-stream-prefix', '"${1:ecs}"', 'Prefix of the log streams, `PREFIX/CONTAINER/TASK_ID` (required on Fargate).'],
  ['awslogs-create-group', '"true"', 'Create the log group if it does not exist (needs `logs:CreateLogGroup`).'],
  ['mode', '"${1|non-blocking,blocking|}"', 'Delivery mode: `blocking` (default) or `non-blocking`.'],
  ['max-buffer-size', '"${1:25m}"', 'Buffer size in `non-blocking` mode (default 1m).'],
  ['awslogs-datetime-format', '"$1"', 'Start of a multi-line message, as a strftime pattern (not with multiline-pattern).'],
  ['awslogs-multiline-pattern', '"$1"', 'Start of a multi-line message, as a regular expression (not with datetime-format).'],
];
