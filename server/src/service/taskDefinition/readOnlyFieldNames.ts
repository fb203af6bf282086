/**
 * The fields `DescribeTaskDefinition` returns that `RegisterTaskDefinition` does not accept (the
 * TaskDefinition shape has them, RegisterTaskDefinitionRequest does not; ECS facts, rule 16). One
 * list for the linter (ECS116), the client's register/diff/revision documents and, by a test of
 * agreement, the emulator, which keeps its own copy because it models AWS independently.
 */
export const READ_ONLY_TASK_DEFINITION_FIELDS: readonly string[] = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'deregisteredAt',
  'deleteRequestedAt',
  'registeredBy',
];
