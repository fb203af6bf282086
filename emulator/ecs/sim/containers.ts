import type { Rng } from '../../clock';
import { flavourOf, type LogFlavour } from '../../logs/logLines';
import type { ClusterRecord, ContainerBehaviour, ContainerRecord, Json, JsonObject } from '../../model';
import type { EmulatorState } from '../../state';

/** Reads the behaviour convention from an image reference's tag. */
export function behaviourOf(image: string): ContainerBehaviour {
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes('@') ? '' : (lastSegment.split(':')[1] ?? '');
  if (tag === 'crashloop') return 'crashloop';
  if (tag === 'batch') return 'batch';
  return 'serve';
}

interface Flavoured {
  flavour: LogFlavour;
}

/**
 * Makes a task's containers from its task definition's container definitions: image digest, ports,
 * health check, awslogs target and the behaviour (`serve`, `crashloop`, `batch`) its image tag asks for.
 */
export class Containers {
  private readonly flavours = new WeakMap<ContainerRecord, Flavoured>();
  /** One digest per image reference, as a registry would resolve it. */
  private readonly digests = new Map<string, string>();

  constructor(
    private readonly state: EmulatorState,
    private readonly rng: Rng,
  ) {}

  make(def: Json, cluster: ClusterRecord, taskId: string, networkMode: string): ContainerRecord {
    const d = typeof def === 'object' && def !== null && !Array.isArray(def) ? def : {};
    const name = typeof d.name === 'string' ? d.name : 'app';
    const image = typeof d.image === 'string' ? d.image : 'unknown';
    const ports = Array.isArray(d.portMappings) ? d.portMappings : [];
    const log = this.logTarget(d, name, taskId);
    const container: ContainerRecord = {
      arn: this.state.containerArn(cluster.name, taskId),
      name,
      image,
      imageDigest: this.digestOf(image),
      runtimeId: `${taskId}-${this.rng.digits(10)}`,
      lastStatus: 'PENDING',
      essential: d.essential !== false,
      hasHealthCheck: typeof d.healthCheck === 'object' && d.healthCheck !== null,
      healthStartPeriodMs:
        typeof d.healthCheck === 'object' &&
        d.healthCheck !== null &&
        !Array.isArray(d.healthCheck) &&
        typeof d.healthCheck.startPeriod === 'number'
          ? d.healthCheck.startPeriod * 1000
          : 0,
      healthStatus: 'UNKNOWN',
      behaviour: behaviourOf(image),
      ...(typeof d.cpu === 'number' ? { cpu: d.cpu } : {}),
      ...(typeof d.memory === 'number' ? { memory: d.memory } : {}),
      ...(typeof d.memoryReservation === 'number' ? { memoryReservation: d.memoryReservation } : {}),
      portMappings: ports.flatMap((p) => {
        if (typeof p !== 'object' || p === null || Array.isArray(p) || typeof p.containerPort !== 'number')
          return [];
        const hostPort =
          typeof p.hostPort === 'number' && p.hostPort > 0
            ? p.hostPort
            : networkMode === 'bridge'
              ? this.rng.int(32768, 60999)
              : p.containerPort;
        return [
          {
            containerPort: p.containerPort,
            hostPort,
            protocol: typeof p.protocol === 'string' ? p.protocol : 'tcp',
          },
        ];
      }),
      ...(log ? { log } : {}),
    };
    this.flavours.set(container, { flavour: flavourOf(name, image) });
    return container;
  }

  /** The kind of log lines a container writes (web server, sidecar, worker...). */
  flavourOf(c: ContainerRecord): LogFlavour {
    return this.flavours.get(c)?.flavour ?? 'app';
  }

  private digestOf(image: string): string {
    let digest = this.digests.get(image);
    if (!digest) {
      digest = `sha256:${this.rng.hex(64)}`;
      this.digests.set(image, digest);
    }
    return digest;
  }

  private logTarget(d: JsonObject, name: string, taskId: string): ContainerRecord['log'] {
    const lc = d.logConfiguration;
    if (typeof lc !== 'object' || lc === null || Array.isArray(lc) || lc.logDriver !== 'awslogs')
      return undefined;
    const opts =
      typeof lc.options === 'object' && lc.options !== null && !Array.isArray(lc.options) ? lc.options : {};
    const group = opts['awslogs-group'];
    if (typeof group !== 'string' || group === '') return undefined;
    const prefix = opts['awslogs-stream-prefix'];
    // Without a prefix (EC2 only) the awslogs driver names the stream after the container id.
    const stream =
      typeof prefix === 'string' && prefix !== '' ? `${prefix}/${name}/${taskId}` : this.rng.hex(64);
    const multiline =
      typeof opts['awslogs-multiline-pattern'] === 'string' ||
      typeof opts['awslogs-datetime-format'] === 'string';
    return { group, stream, multiline, nextAt: 0, lines: 0 };
  }
}
