/**
 * SDK clients, created on first use: the SDK is loaded with a dynamic `import()` so that
 * activating the extension evaluates none of it (esbuild keeps dynamically imported modules
 * behind lazy initialisers in the bundle). One client per connection (profile + Region +
 * endpoint) shares its credentials cache and sockets.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { connectionKey, type Connection } from './gateway';

export type EcsSdk = typeof import('@aws-sdk/client-ecs');

let ecsSdk: Promise<EcsSdk> | undefined;
let ecsSdkLoaded = false;

/** The ECS SDK module, imported on the first call. */
export function loadEcsSdk(): Promise<EcsSdk> {
  ecsSdk ??= import('@aws-sdk/client-ecs').then((m) => {
    ecsSdkLoaded = true;
    return m;
  });
  return ecsSdk;
}

export type SsmSdk = typeof import('@aws-sdk/client-ssm');

let ssmSdk: Promise<SsmSdk> | undefined;

/** The SSM SDK module (Session Manager's StartSession for port forwarding), imported on the first call. */
export function loadSsmSdk(): Promise<SsmSdk> {
  ssmSdk ??= import('@aws-sdk/client-ssm');
  return ssmSdk;
}

/** Whether the ECS SDK has been imported in this process (activation must leave it false). */
export function isEcsSdkLoaded(): boolean {
  return ecsSdkLoaded;
}

/** Credentials of a connection: static ones for a custom endpoint, else the profile or default chain. */
export async function credentialsFor(
  c: Connection,
): Promise<AwsCredentialIdentity | AwsCredentialIdentityProvider> {
  // Emulators and LocalStack accept any signature; never send real credentials to them.
  if (c.endpoint) return { accessKeyId: 'AKIAEMULATOR0000TEST', secretAccessKey: 'emulator-secret' };
  const providers = await import('@aws-sdk/credential-providers');
  return c.profile === 'default'
    ? providers.fromNodeProviderChain({ clientConfig: { region: c.region } })
    : providers.fromIni({ profile: c.profile, clientConfig: { region: c.region } });
}

/**
 * Transport settings shared by our clients: fail fast on a dead endpoint (an interactive error
 * must show within seconds), and no SDK retries — the gateway retries throttling itself, with
 * jitter and a deadline that depends on who is waiting.
 */
export const FAST_FAIL = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3000, requestTimeout: 8000, throwOnRequestTimeout: true },
} as const;

/** How the ECS and SSM clients of a connection are configured. */
export type ConnectionClientConfig = {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  endpoint?: string;
} & typeof FAST_FAIL;

/**
 * A client of a connection: the SDK module and the credentials are loaded together, and the
 * client gets the connection's Region and endpoint and fails fast (`make` calls its constructor).
 */
export async function connectionClient<S, T>(
  c: Connection,
  load: () => Promise<S>,
  make: (sdk: S, config: ConnectionClientConfig) => T,
): Promise<T> {
  const [sdk, credentials] = await Promise.all([load(), credentialsFor(c)]);
  return make(sdk, {
    region: c.region,
    credentials,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...FAST_FAIL,
  });
}

/**
 * One SDK client per connection, created lazily and shared (credentials cache and sockets). A failed
 * creation (a bad profile file) is not cached, so the next call tries again.
 */
export class ClientPool<T extends { destroy(): void }> {
  private readonly clients = new Map<string, Promise<T>>();

  constructor(private readonly create: (c: Connection) => Promise<T>) {}

  get(c: Connection): Promise<T> {
    const key = connectionKey(c);
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(c);
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }

  dispose(): void {
    for (const client of this.clients.values())
      void client.then(
        (c) => c.destroy(),
        () => undefined,
      );
    this.clients.clear();
  }
}

/** One ECS client per connection. */
export class EcsClientPool extends ClientPool<ECSClient> {
  constructor() {
    super((c) => connectionClient(c, loadEcsSdk, (sdk, config) => new sdk.ECSClient(config)));
  }
}
