/**
 * How "Run in Terminal" runs the fix of a credentials error: `aws` itself as the terminal's
 * process, with an argument array (no shell parses anything), for a profile name that passes the
 * config-file grammar and that comes from the user's own settings — never from a workspace's,
 * which a cloned repository controls.
 */
import type { GatewayError } from './gateway';
import { isValidProfileName } from './profiles';

export interface SignInTerminalOptions {
  readonly name: string;
  readonly shellPath: string;
  readonly shellArgs: string[];
}

export type SignInDecision =
  | { readonly ok: true; readonly options: SignInTerminalOptions }
  | { readonly ok: false; readonly reason: string };

/**
 * The terminal that runs `error`'s fix, or why there is none. `profile` is the active profile and
 * `fromWorkspace` whether a workspace or folder setting chose it.
 */
export function signInTerminal(
  error: GatewayError,
  profile: { readonly profile: string; readonly fromWorkspace: boolean },
): SignInDecision {
  const args = error.fixArgs;
  if (!args || args.length === 0) return { ok: false, reason: 'There is no command that fixes this.' };
  if (!isValidProfileName(profile.profile) || args.some((a) => a.includes('\n') || a.includes('\r'))) {
    return {
      ok: false,
      reason: `${JSON.stringify(profile.profile.slice(0, 80))} is not a valid AWS profile name.`,
    };
  }
  const named = args.indexOf('--profile');
  if (named >= 0 && (args[named + 1] !== profile.profile || !isValidProfileName(args[named + 1] ?? ''))) {
    return { ok: false, reason: 'The command does not match the active profile.' };
  }
  if (profile.fromWorkspace) {
    return {
      ok: false,
      reason: `The profile "${profile.profile}" is set by this workspace's settings; ECS Workbench runs commands only for profiles from your user settings. Run \`aws ${args.join(' ')}\` yourself if you trust it.`,
    };
  }
  return { ok: true, options: { name: 'AWS sign-in', shellPath: 'aws', shellArgs: [...args] } };
}
