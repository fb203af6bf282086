/**
 * Volumes (fact 35): ECS135 mountPoints naming no task volume; ECS235 host paths or Docker volumes on
 * Fargate; ECS335 EFS IAM authorization without transit encryption.
 */
import { propertyOf, stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaTable } from '../../core/ruleMetaTable';
import { didYouMean, listOf, suggest } from '../../core/suggest';

export const volumesRule: Rule = {
  meta: metaTable([
    ['ECS135', 'error', 'Mount point names an unknown volume', AWS_DOCS.volumes],
    ['ECS235', 'error', 'Volume type not supported on Fargate', AWS_DOCS.volumes],
    ['ECS335', 'error', 'EFS IAM authorization needs transit encryption', AWS_DOCS.efs],
  ]),
  check({ td, report }) {
    const names = td.volumes.map((v) => v.name).filter((n): n is string => n !== undefined);
    for (const ref of td.references) {
      if (ref.targetKind !== 'volume' || td.volumeNamed(ref.target)) continue;
      const close = suggest(ref.target, names);
      report(
        'ECS135',
        { offset: ref.offset, length: ref.length },
        `sourceVolume "${ref.target}" is not a volume of this task; ${names.length ? `volumes: ${listOf(names)}.` : 'declare it in "volumes".'}${didYouMean(close)}`,
        close.length
          ? {
              fix: 'replaceValue',
              path: [...ref.from.path, 'mountPoints', ref.entryIndex, 'sourceVolume'],
              values: close,
            }
          : undefined,
      );
    }
    for (const v of td.volumes) {
      if (td.isFargate) {
        const hostPath = propertyOf(valueOf(v.node, 'host'), 'sourcePath');
        if (hostPath) {
          report(
            'ECS235',
            hostPath.key,
            'host.sourcePath is not supported on Fargate; use a task-scoped bind mount (omit sourcePath) or an EFS volume.',
            {
              fix: 'removeProperty',
              path: [...v.path, 'host', 'sourcePath'],
            },
          );
        }
        const docker = v.property('dockerVolumeConfiguration');
        if (docker)
          report(
            'ECS235',
            docker.key,
            'dockerVolumeConfiguration is not supported on Fargate; use an EFS volume (efsVolumeConfiguration) instead.',
          );
      }
      const efs = v.property('efsVolumeConfiguration')?.value;
      const iam = valueOf(valueOf(efs, 'authorizationConfig'), 'iam');
      if (iam && stringOf(iam) === 'ENABLED' && stringOf(valueOf(efs, 'transitEncryption')) !== 'ENABLED') {
        report(
          'ECS335',
          iam,
          'EFS IAM authorization requires "transitEncryption": "ENABLED" on the volume.',
          {
            fix: 'addProperties',
            path: [...v.path, 'efsVolumeConfiguration'],
            properties: { transitEncryption: 'ENABLED' },
          },
        );
      }
    }
  },
};
