/**
 * AWS profiles from the shared config and credentials files, read without the SDK (activation
 * must stay cheap): names, their Region, and whether they sign in through SSO.
 */
import fs from 'node:fs';
import os from 'node:os';
import { awsConfigFiles } from './credentialsPresence';

export interface AwsProfile {
  readonly name: string;
  readonly region?: string;
  /** Signs in through IAM Identity Center (`sso_session` or `sso_start_url`). */
  readonly sso: boolean;
  /** Assumes a role (`role_arn`). */
  readonly assumeRole: boolean;
  /** Which files define it. */
  readonly sources: readonly ('config' | 'credentials')[];
}

type Sections = Map<string, Map<string, string>>;

/**
 * Whether `name` can be an AWS profile name: what the shared config files accept in a
 * `[profile NAME]` header and the CLI in `--profile` — letters, digits and `-_.+@=,/:%` (the AWS
 * docs give no formal grammar; this is the character set the CLI and SDKs parse, without spaces,
 * quotes, brackets or shell metacharacters), not starting with `-` (it would read as an option),
 * at most 128 characters.
 */
export function isValidProfileName(name: string): boolean {
  return /^[A-Za-z0-9_.+@=,/:%][A-Za-z0-9_.+@=,/:%-]{0,127}$/.test(name);
}

/** Parses INI text into sections of key → value (comments, blank lines and nesting tolerated). */
export function parseIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    if (!line) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    // Indented sub-properties (`s3 =` blocks) are kept flat; they do not matter here.
    if (current && eq > 0) current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}

/** Profiles defined by the text of a config file and of a credentials file. */
export function profilesFromText(configText: string, credentialsText: string): AwsProfile[] {
  const byName = new Map<string, { props: Map<string, string>; sources: Set<'config' | 'credentials'> }>();
  const add = (name: string, props: Map<string, string>, source: 'config' | 'credentials'): void => {
    const entry = byName.get(name) ?? { props: new Map<string, string>(), sources: new Set() };
    for (const [k, v] of props) if (!entry.props.has(k) || source === 'config') entry.props.set(k, v);
    entry.sources.add(source);
    byName.set(name, entry);
  };
  for (const [section, props] of parseIni(configText)) {
    if (section === 'default') add('default', props, 'config');
    else if (section.startsWith('profile ')) add(section.slice('profile '.length).trim(), props, 'config');
    // `sso-session x` and `services x` sections are not profiles.
  }
  for (const [section, props] of parseIni(credentialsText)) add(section, props, 'credentials');
  return [...byName.entries()]
    .map(([name, { props, sources }]) => {
      const region = props.get('region');
      return {
        name,
        ...(region ? { region } : {}),
        sso: props.has('sso_session') || props.has('sso_start_url'),
        assumeRole: props.has('role_arn'),
        sources: [...sources].sort(),
      };
    })
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Profiles from the files the AWS CLI reads (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE` honoured). */
export function readProfiles(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): AwsProfile[] {
  const [configFile, credentialsFile] = awsConfigFiles(env, homeDir);
  const read = (file: string | undefined): string => {
    try {
      return file ? fs.readFileSync(file, 'utf8') : '';
    } catch {
      return '';
    }
  };
  return profilesFromText(read(configFile), read(credentialsFile));
}

/** The Region a connection uses when none is set: the profile's, the environment's, or us-east-1. */
export function defaultRegion(profile: AwsProfile | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return profile?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

/** Commercial Regions offered by the Region picker. */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
];
