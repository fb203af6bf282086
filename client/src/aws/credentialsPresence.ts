/**
 * A cheap check, without loading the AWS SDK, of whether any AWS credentials could be found:
 * used at activation to choose between the explorer and its "no credentials" welcome view.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CredentialHints {
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  /** A custom endpoint (the emulator, LocalStack) accepts any credentials. */
  readonly endpoint?: string;
}

export function awsConfigFiles(env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): string[] {
  return [
    env.AWS_CONFIG_FILE ?? path.join(homeDir, '.aws', 'config'),
    env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(homeDir, '.aws', 'credentials'),
  ];
}

export function hasCredentialHints({ env, homeDir, endpoint }: CredentialHints): boolean {
  if (endpoint) return true;
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  return awsConfigFiles(env, homeDir).some((file) => {
    try {
      return fs.statSync(file).size > 0;
    } catch {
      return false;
    }
  });
}
