/**
 * What identifies a Copilot manifest: its type (and the documentation page of each), its name, and
 * the platform strings Copilot accepts.
 */
import { type CopilotField, enumOf, field, str } from './schema';

export const MANIFEST_TYPES = [
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Request-Driven Web Service',
  'Scheduled Job',
  'Static Site',
  'Environment',
] as const;
export type ManifestType = (typeof MANIFEST_TYPES)[number];

/** The documentation page of each manifest type. */
export const MANIFEST_DOCS: Readonly<Record<ManifestType, string>> = {
  'Load Balanced Web Service': 'https://aws.github.io/copilot-cli/docs/manifest/lb-web-service/',
  'Backend Service': 'https://aws.github.io/copilot-cli/docs/manifest/backend-service/',
  'Worker Service': 'https://aws.github.io/copilot-cli/docs/manifest/worker-service/',
  'Request-Driven Web Service': 'https://aws.github.io/copilot-cli/docs/manifest/rd-web-service/',
  'Scheduled Job': 'https://aws.github.io/copilot-cli/docs/manifest/scheduled-job/',
  'Static Site': 'https://aws.github.io/copilot-cli/docs/manifest/static-site/',
  Environment: 'https://aws.github.io/copilot-cli/docs/manifest/environment/',
};

/** Platform strings Copilot accepts (`os/arch`). */
export const PLATFORM_STRINGS = [
  'linux/amd64',
  'linux/x86_64',
  'linux/arm',
  'linux/arm64',
  'windows/amd64',
  'windows/x86_64',
] as const;
export const WINDOWS_OS_FAMILIES = [
  'windows_server_2019_core',
  'windows_server_2019_full',
  'windows_server_2022_core',
  'windows_server_2022_full',
] as const;

export const nameField = field(
  str,
  'Name of the workload or environment; used in the names of its resources.',
  true,
);
export function typeField(): CopilotField {
  return field(enumOf(...MANIFEST_TYPES), `Manifest type: ${MANIFEST_TYPES.join(', ')}.`, true);
}
