/**
 * The Session Manager plugin, when the user has it: found on PATH, and run with the arguments the
 * AWS CLI passes it (always as an argument array, never through a shell):
 *
 *   session-manager-plugin SESSION_JSON REGION StartSession PROFILE PARAMETERS_JSON ENDPOINT
 *
 * SESSION_JSON is the `session` of ExecuteCommand (or the StartSession response), PARAMETERS_JSON
 * the StartSession request (`{"Target": "ecs:…"}`, plus the document for port forwarding), ENDPOINT
 * the SSM endpoint the plugin uses to resume the session.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PLUGIN_NAME = 'session-manager-plugin';

/** The plugin's path when it is on PATH (PATHEXT on Windows); undefined otherwise. */
export function findPlugin(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, PLUGIN_NAME + ext);
      try {
        fs.accessSync(candidate, platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here.
      }
    }
  }
  return undefined;
}

export interface PluginSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
}

/** The plugin's arguments for a session. */
export function pluginArgs(options: {
  session: PluginSession;
  region: string;
  /** '' for the default credential chain. */
  profile: string;
  target: string;
  /** SSM endpoint; AWS's regional one unless a custom endpoint is set. */
  endpoint?: string;
  document?: { name: string; parameters: Record<string, string[]> };
}): string[] {
  const { session, region, profile, target, document } = options;
  const parameters: Record<string, unknown> = { Target: target };
  if (document) {
    parameters.DocumentName = document.name;
    parameters.Parameters = document.parameters;
  }
  return [
    JSON.stringify({
      SessionId: session.sessionId,
      StreamUrl: session.streamUrl,
      TokenValue: session.tokenValue,
    }),
    region,
    'StartSession',
    profile,
    JSON.stringify(parameters),
    options.endpoint ?? `https://ssm.${region}.amazonaws.com`,
  ];
}
