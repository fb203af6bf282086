/**
 * Which ECS document a file is, decided from its path and its content. A user's own JSON must
 * never be captured by mistake: a file is ours only when its name matches a configured pattern
 * or its content has the unmistakable shape of a task definition or a service definition.
 * Copilot manifests are YAML and recognised by path only (`copilot/<name>/manifest.yml`).
 * ecspresso's Jsonnet definitions (`*.jsonnet`) follow the JSON patterns with their extension.
 */
import { type Node, findNodeAtLocation } from 'jsonc-parser';
import { matchAny } from './glob';

export type EcsDocumentKind = 'taskDefinition' | 'serviceDefinition' | 'copilotManifest';

export interface DetectionSettings {
  readonly taskDefinitionPatterns: readonly string[];
  /** Service definition (create/update-service input) patterns; defaults apply when absent. */
  readonly serviceDefinitionPatterns?: readonly string[];
  /** Copilot manifest patterns; defaults apply when absent. */
  readonly copilotManifestPatterns?: readonly string[];
  readonly exclude: readonly string[];
  readonly detectByContent: boolean;
  /** Paths the user explicitly opted in or out of (workspace state, keyed by URI). */
  readonly optIn?: readonly string[];
  readonly optOut?: readonly string[];
}

export const defaultDetectionSettings: DetectionSettings = {
  taskDefinitionPatterns: [
    '**/*task-def*.json',
    '**/*taskdef*.json',
    '**/*task-definition*.json',
    '**/*task_definition*.json',
    '**/ecs-task-def.json',
  ],
  serviceDefinitionPatterns: [
    '**/*service-def*.json',
    '**/*servicedef*.json',
    '**/*service-definition*.json',
    '**/*service_definition*.json',
    '**/ecs-service-def.json',
  ],
  copilotManifestPatterns: ['**/copilot/**/manifest.yml', '**/copilot/**/manifest.yaml'],
  exclude: [],
  detectByContent: true,
};

/** Default service definition patterns (also used when settings leave them out). */
export const DEFAULT_SERVICE_DEFINITION_PATTERNS: readonly string[] =
  defaultDetectionSettings.serviceDefinitionPatterns ?? [];
/** Default Copilot manifest patterns. */
export const DEFAULT_COPILOT_MANIFEST_PATTERNS: readonly string[] =
  defaultDetectionSettings.copilotManifestPatterns ?? [];

function isArray(node: Node | undefined): boolean {
  return node?.type === 'array';
}

/** True when the JSON root looks like a register-task-definition input or describe output. */
export function looksLikeTaskDefinition(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  if (isArray(findNodeAtLocation(root, ['containerDefinitions']))) return true;
  const wrapped = findNodeAtLocation(root, ['taskDefinition']);
  return wrapped?.type === 'object' && isArray(findNodeAtLocation(wrapped, ['containerDefinitions']));
}

/** Members only a service definition (create/update-service input) has. */
const SERVICE_ONLY_KEYS = [
  'desiredCount',
  'loadBalancers',
  'launchType',
  'deploymentConfiguration',
  'deploymentController',
  'schedulingStrategy',
  'networkConfiguration',
  'serviceRegistries',
  'capacityProviderStrategy',
  'healthCheckGracePeriodSeconds',
  'serviceConnectConfiguration',
  'placementStrategy',
  'enableExecuteCommand',
];

/**
 * True when the JSON root looks like a create/update-service input: it names the service or its
 * task definition (strings) and has a member only services have, and no container definitions.
 */
export function looksLikeServiceDefinition(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  if (findNodeAtLocation(root, ['containerDefinitions'])) return false;
  const named = ['serviceName', 'service', 'taskDefinition'].some(
    (key) => findNodeAtLocation(root, [key])?.type === 'string',
  );
  return named && SERVICE_ONLY_KEYS.some((key) => findNodeAtLocation(root, [key]) !== undefined);
}

/** True when an object without container definitions has a member only services have (ecspresso files name neither). */
function hasServiceMembers(root: Node | undefined): boolean {
  if (root?.type !== 'object' || findNodeAtLocation(root, ['containerDefinitions'])) return false;
  return SERVICE_ONLY_KEYS.some((key) => findNodeAtLocation(root, [key]) !== undefined);
}

/** True for a path the YAML side handles. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** True for an ecspresso Jsonnet definition. */
export function isJsonnetPath(path: string): boolean {
  return /\.jsonnet$/i.test(path);
}

/** Decides the kind of a YAML document from its path alone (a Copilot manifest or nothing). */
export function detectYamlDocumentKind(
  path: string,
  settings: DetectionSettings = defaultDetectionSettings,
): EcsDocumentKind | undefined {
  if (!isYamlPath(path) || settings.optOut?.includes(path)) return undefined;
  if (settings.optIn?.includes(path)) return 'copilotManifest';
  if (matchAny(settings.exclude, path)) return undefined;
  const patterns = settings.copilotManifestPatterns ?? DEFAULT_COPILOT_MANIFEST_PATTERNS;
  return matchAny(patterns, path) ? 'copilotManifest' : undefined;
}

/** Decides the kind of a document; `undefined` means "not an ECS document, leave it alone". */
export function detectDocumentKind(
  path: string,
  root: Node | undefined,
  settings: DetectionSettings = defaultDetectionSettings,
): EcsDocumentKind | undefined {
  if (isYamlPath(path)) return detectYamlDocumentKind(path, settings);
  if (settings.optOut?.includes(path)) return undefined;
  const byContent = (): EcsDocumentKind | undefined => {
    if (looksLikeTaskDefinition(root)) return 'taskDefinition';
    if (looksLikeServiceDefinition(root)) return 'serviceDefinition';
    return undefined;
  };
  // Jsonnet definitions match the JSON patterns (`ecs-service-def.jsonnet` ~ `ecs-service-def.json`).
  const jsonPath = isJsonnetPath(path) ? path.replace(/\.jsonnet$/i, '.json') : path;
  const byName = (): EcsDocumentKind | undefined => {
    if (matchAny(settings.taskDefinitionPatterns, jsonPath)) return 'taskDefinition';
    const servicePatterns = settings.serviceDefinitionPatterns ?? DEFAULT_SERVICE_DEFINITION_PATTERNS;
    return matchAny(servicePatterns, jsonPath) ? 'serviceDefinition' : undefined;
  };
  // An opted-in file is ours whatever its name; its name or content still tells which kind.
  if (settings.optIn?.includes(path))
    return byName() ?? byContent() ?? (hasServiceMembers(root) ? 'serviceDefinition' : 'taskDefinition');
  if (!jsonPath.toLowerCase().endsWith('.json')) return undefined;
  if (matchAny(settings.exclude, path)) return undefined;
  const named = byName();
  if (named) return named;
  if (settings.detectByContent) return byContent();
  return undefined;
}
