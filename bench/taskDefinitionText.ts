/**
 * The generated task definitions the benchmarks parse, validate and complete in: a Fargate task
 * definition of 10 containers (the API maximum) whose size is set by the length of each
 * container's environment. The benchmarks differ in what a container holds around its
 * environment; the frame (task fields, container names and images, the environment itself,
 * volumes) is the same, written once here so their documents stay comparable.
 */

export interface TaskDefinitionShape {
  /** Task-level cpu and memory. */
  cpu: string;
  memory: string;
  /** Environment entries per container. */
  environment: number;
  /** The container's lines after name, image and essential, up to its environment. */
  beforeEnvironment(container: number): string[];
  /** The container's lines from the end of its environment (`]`) to its closing brace. */
  afterEnvironment(container: number, last: boolean): string[];
}

/** Containers of every generated task definition: the API maximum. */
export const CONTAINERS = 10;

/** The task definition's text, one property per line. */
export function taskDefinitionText(shape: TaskDefinitionShape): string {
  const out: string[] = [
    '{',
    '  "family": "bench",',
    '  "requiresCompatibilities": ["FARGATE"],',
    '  "networkMode": "awsvpc",',
    `  "cpu": "${shape.cpu}",`,
    `  "memory": "${shape.memory}",`,
    '  "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",',
    '  "containerDefinitions": [',
  ];
  for (let c = 0; c < CONTAINERS; c++) {
    out.push(
      '    {',
      `      "name": "c${c}",`,
      `      "image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app-${c}:1.0.${c}",`,
      `      "essential": ${c === 0 ? 'true' : 'false'},`,
      ...shape.beforeEnvironment(c),
      '      "environment": [',
    );
    for (let e = 0; e < shape.environment; e++) {
      out.push(
        `        { "name": "VAR_${c}_${e}", "value": "value-${e}" }${e < shape.environment - 1 ? ',' : ''}`,
      );
    }
    out.push(...shape.afterEnvironment(c, c === CONTAINERS - 1));
  }
  out.push('  ],', '  "volumes": [{ "name": "data" }]', '}');
  return out.join('\n');
}

/** The lines every generated container has: its log configuration and health check. */
export const LOGS_AND_HEALTH_CHECK: readonly string[] = [
  '      "logConfiguration": {',
  '        "logDriver": "awslogs",',
  '        "options": {',
  '          "awslogs-group": "/ecs/bench",',
  '          "awslogs-region": "eu-west-1",',
  '          "awslogs-stream-prefix": "ecs"',
  '        }',
  '      },',
  '      "healthCheck": {',
  '        "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"],',
  '        "interval": 30,',
  '        "timeout": 5,',
  '        "retries": 3',
  '      },',
];
