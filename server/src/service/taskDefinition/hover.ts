/**
 * Hover: the API reference text of the member under the caret (key or value), with its type, whether
 * it is required and a link to the AWS page; on task `cpu`/`memory`, the size in vCPU/GiB and the
 * Fargate values that go with it.
 */
import { type Node, findNodeAtOffset } from 'jsonc-parser';
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import {
  describeValues,
  fargateCpusFor,
  fargateMemoryFor,
  formatCpu,
  formatMemory,
  isValidFargatePair,
  parseCpu,
  parseMemory,
} from './fargate';
import { nodeRange, pathOf, propertyValue, stringProperty } from '../core/jsonNodes';
import { collectNames, nameAt } from './navigation';
import { describeShape, memberLink, shapeAt } from '../core/schema/model';
import { type TaskContext, relativePath, scalarProperty, taskContext } from './taskContext';

function cpuLines(ctx: TaskContext): string[] {
  const cpu = parseCpu(scalarProperty(ctx.task, 'cpu'));
  if (cpu === undefined) return [];
  const lines = [`**${cpu} CPU units = ${formatCpu(cpu)}**`];
  const memory = fargateMemoryFor(cpu);
  lines.push(
    memory
      ? `Fargate memory for this cpu (MiB): ${describeValues(memory)} (${formatMemory(memory[0] ?? 0)} to ${formatMemory(memory[memory.length - 1] ?? 0)}).`
      : `${cpu} is not a Fargate cpu size; Fargate accepts 256, 512, 1024, 2048, 4096, 8192 and 16384.`,
  );
  return lines;
}

function memoryLines(ctx: TaskContext): string[] {
  const memory = parseMemory(scalarProperty(ctx.task, 'memory'));
  if (memory === undefined) return [];
  const lines = [`**${memory} MiB = ${formatMemory(memory)}**`];
  const cpus = fargateCpusFor(memory);
  lines.push(
    cpus.length > 0
      ? `Fargate cpu for this memory: ${cpus.map((c) => `${c} (${formatCpu(c)})`).join(', ')}.`
      : `${memory} MiB is not a Fargate memory size with any cpu.`,
  );
  const cpu = parseCpu(scalarProperty(ctx.task, 'cpu'));
  if (cpu !== undefined && cpus.length > 0 && fargateMemoryFor(cpu) && !isValidFargatePair(cpu, memory)) {
    lines.push(`Not valid with the task's cpu ${cpu} on Fargate.`);
  }
  return lines;
}

/** The key node a hover is about: the key itself, or the key of the property whose value is hovered. */
function hoveredKey(node: Node): Node | undefined {
  const parent = node.parent;
  if (parent?.type !== 'property') return undefined;
  return parent.children?.[0];
}

/**
 * On a reference to a container (`dependsOn`, `links`, `volumesFrom`) or a volume (`mountPoints`):
 * what it refers to — the container's image and essential flag, the volume's kind — or that nothing
 * of that name exists.
 */
function referenceHover(doc: EcsDocument, offset: number): Hover | null {
  const names = collectNames(doc);
  const at = nameAt(doc, offset, names);
  if (!at || at.isDeclaration) return null;
  const declaration = names.find((n) => n.isDeclaration && n.kind === at.kind && n.name === at.name);
  const range = {
    start: doc.textDocument.positionAt(at.start),
    end: doc.textDocument.positionAt(at.end),
  };
  let value: string;
  if (!declaration) {
    value = `No ${at.kind} named \`${at.name}\` in this task definition.`;
  } else if (at.kind === 'container') {
    const container = declaration.node.parent?.parent;
    const image = stringProperty(container, 'image');
    const essential = propertyValue(container, 'essential')?.value !== false;
    const line = doc.textDocument.positionAt(declaration.start).line + 1;
    value = `**Container \`${at.name}\`** (line ${line})${image ? `  \nImage: \`${image}\`` : ''}  \n${essential ? 'Essential' : 'Not essential'}`;
  } else {
    const volume = declaration.node.parent?.parent;
    const kind = [
      'efsVolumeConfiguration',
      'host',
      'dockerVolumeConfiguration',
      'fsxWindowsFileServerVolumeConfiguration',
    ].find((k) => propertyValue(volume, k) !== undefined);
    const line = doc.textDocument.positionAt(declaration.start).line + 1;
    value = `**Volume \`${at.name}\`** (line ${line})${kind ? `  \n${kind}` : '  \nTask storage (bind mount without a host path)'}`;
  }
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** Hover at `position`, or `null` when there is nothing to say. */
export function doHover(doc: EcsDocument, position: Position): Hover | null {
  const root = doc.json.root;
  const ctx = taskContext(doc);
  if (doc.kind !== 'taskDefinition' || !root || !ctx) return null;
  const offset = doc.textDocument.offsetAt(position);
  const reference = referenceHover(doc, offset);
  if (reference) return reference;
  const node = findNodeAtOffset(root, offset, false);
  if (!node || node.type === 'object' || node.type === 'array') return null;
  const key = hoveredKey(node);
  if (!key) return null;
  const path = pathOf(key);
  const resolved = shapeAt(path, ctx.rootName);
  if (!resolved?.member || !resolved.parent) return null;
  const { member, parent } = resolved;
  const sections: string[] = [
    `**${member.name}** · \`${describeShape(member.shape)}\`${member.required ? ' · required' : ''}`,
  ];
  const rel = relativePath(ctx, path);
  if (rel?.length === 1 && rel[0] === 'cpu') sections.push(cpuLines(ctx).join('  \n'));
  if (rel?.length === 1 && rel[0] === 'memory') sections.push(memoryLines(ctx).join('  \n'));
  if (member.doc) sections.push(member.doc);
  sections.push(
    `[${parent.name}.${member.name} in the API reference](${memberLink(parent.name, member.name)})`,
  );
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.filter((s) => s.length > 0).join('\n\n') },
    range: nodeRange(doc.textDocument, node),
  };
}
