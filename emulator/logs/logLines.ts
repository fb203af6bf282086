import type { Rng } from '../clock';
import type { ContainerBehaviour } from '../model';

/**
 * Realistic, varied log output for emulated containers: nginx-style access logs for web
 * containers, JSON lines for sidecars, levelled application logs with the occasional multi-line
 * stack trace for apps and workers. Each returned entry is one log event's message; a stack trace
 * is one entry with embedded newlines, which the caller splits unless the container sets
 * `awslogs-multiline-pattern` / `awslogs-datetime-format` (as the awslogs driver would).
 */
export type LogFlavour = 'web' | 'sidecar' | 'worker' | 'app';

/** Picks the style of a container's logs from its name and image. */
export function flavourOf(name: string, image: string): LogFlavour {
  const text = `${name} ${image}`.toLowerCase();
  if (/nginx|httpd|frontend|\bweb\b|caddy/.test(text)) return 'web';
  if (/envoy|proxy|fluent|firelens|datadog|xray|otel|sidecar|agent/.test(text)) return 'sidecar';
  if (/worker|queue|batch|report|cron|job|consumer/.test(text)) return 'worker';
  return 'app';
}

const PATHS = [
  '/',
  '/health',
  '/api/orders',
  '/api/orders/8812',
  '/api/users/me',
  '/static/app.js',
  '/login',
  '/api/cart',
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
  'ELB-HealthChecker/2.0',
  'curl/8.5.0',
  'okhttp/4.12.0',
];
const IPS = ['10.0.1.17', '10.0.2.44', '172.31.9.120', '10.0.3.201'];

function isoNow(ts: number): string {
  return new Date(ts).toISOString();
}

function stackTrace(rng: Rng, ts: number): string {
  const kind = rng.int(0, 2);
  if (kind === 0) {
    return [
      `${isoNow(ts)} ERROR [http-nio-8080-exec-${rng.int(1, 9)}] c.e.orders.OrderController - Request failed`,
      'java.lang.IllegalStateException: order 8812 has no line items',
      '\tat com.example.orders.OrderService.total(OrderService.java:88)',
      '\tat com.example.orders.OrderController.checkout(OrderController.java:41)',
      '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
      '\t... 42 common frames omitted',
    ].join('\n');
  }
  if (kind === 1) {
    return [
      'Traceback (most recent call last):',
      '  File "/app/worker/handlers.py", line 57, in handle',
      '    invoice = render_invoice(message["orderId"])',
      '  File "/app/worker/invoices.py", line 23, in render_invoice',
      '    raise KeyError(order_id)',
      "KeyError: 'ord_7QX2'",
    ].join('\n');
  }
  return [
    `TypeError: Cannot read properties of undefined (reading 'id')`,
    '    at getUser (/usr/src/app/dist/users.js:42:19)',
    '    at async /usr/src/app/dist/routes/me.js:12:18',
    '    at async Layer.handle (/usr/src/app/node_modules/express/lib/router/layer.js:95:5)',
  ].join('\n');
}

/** Lines a container prints when it starts. */
export function startupLines(flavour: LogFlavour, name: string, ts: number): string[] {
  switch (flavour) {
    case 'web':
      return [
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${isoNow(ts).slice(0, 19).replace('T', ' ')} [notice] 1#1: nginx/1.27.2`,
        `${isoNow(ts).slice(0, 19).replace('T', ' ')} [notice] 1#1: start worker processes`,
      ];
    case 'sidecar':
      return [
        JSON.stringify({ level: 'info', ts: ts / 1000, msg: 'starting', component: name }),
        JSON.stringify({
          level: 'info',
          ts: ts / 1000,
          msg: 'all dependencies initialized. starting workers',
        }),
      ];
    case 'worker':
      return [
        `${isoNow(ts)} INFO  worker booting (concurrency=4)`,
        `${isoNow(ts)} INFO  connected to queue jobs-main`,
      ];
    default:
      return [
        `${isoNow(ts)} INFO  Starting ${name} version 1.${(ts % 7) + 2}.0 (node v20.18.1)`,
        `${isoNow(ts)} INFO  Connected to database orders-db.cluster-c9xq.us-east-1.rds.amazonaws.com:5432`,
        `${isoNow(ts)} INFO  Listening on 0.0.0.0:8080`,
      ];
  }
}

/** One burst of ordinary output (1 to 3 events) from a running container. */
export function runningLines(flavour: LogFlavour, rng: Rng, ts: number): string[] {
  const n = rng.int(1, 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(oneLine(flavour, rng, ts));
  return out;
}

function oneLine(flavour: LogFlavour, rng: Rng, ts: number): string {
  const roll = rng.next();
  switch (flavour) {
    case 'web': {
      const status = roll < 0.85 ? 200 : roll < 0.93 ? 304 : roll < 0.98 ? 404 : 502;
      const d = new Date(ts);
      const month = d.toUTCString().split(' ')[2] ?? 'Jan';
      const day = String(d.getUTCDate()).padStart(2, '0');
      const date = `${day}/${month}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
      return `${rng.pick(IPS)} - - [${date}] "GET ${rng.pick(PATHS)} HTTP/1.1" ${status} ${rng.int(120, 48000)} "-" "${rng.pick(AGENTS)}"`;
    }
    case 'sidecar': {
      const level = roll < 0.9 ? 'info' : roll < 0.97 ? 'warn' : 'error';
      const msg =
        level === 'info'
          ? rng.pick(['flushed records', 'upstream healthy', 'stats reported', 'config unchanged'])
          : level === 'warn'
            ? 'upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection timeout'
            : 'failed to flush chunk: HTTP status=503';
      return JSON.stringify({ level, ts: ts / 1000, msg, records: rng.int(1, 400) });
    }
    case 'worker': {
      if (roll < 0.03) return stackTrace(rng, ts);
      if (roll < 0.1)
        return `${isoNow(ts)} WARN  job ${rng.hex(8)} retry ${rng.int(1, 3)}/5: upstream timeout after 30000ms`;
      return `${isoNow(ts)} INFO  job ${rng.hex(8)} done in ${rng.int(12, 2400)}ms (queue depth ${rng.int(0, 60)})`;
    }
    default: {
      if (roll < 0.03) return stackTrace(rng, ts);
      if (roll < 0.08)
        return `${isoNow(ts)} ERROR request ${rng.uuid()} failed: connect ETIMEDOUT 10.0.4.12:6379`;
      if (roll < 0.18)
        return `${isoNow(ts)} WARN  slow query took ${rng.int(800, 5000)}ms: SELECT * FROM orders WHERE customer_id = $1`;
      if (roll < 0.3) return `${isoNow(ts)} DEBUG cache hit ratio ${(rng.next() * 100).toFixed(1)}%`;
      return `${isoNow(ts)} INFO  ${rng.pick(['GET', 'POST', 'PUT'])} ${rng.pick(PATHS)} ${rng.pick([200, 200, 201, 204, 400])} ${rng.int(2, 900)}ms`;
    }
  }
}

/** What a container prints right before it exits on its own. */
export function exitLines(behaviour: ContainerBehaviour, rng: Rng, ts: number): string[] {
  if (behaviour === 'batch') {
    return [
      `${isoNow(ts)} INFO  report generated: ${rng.int(100, 9000)} rows`,
      `${isoNow(ts)} INFO  exiting with status 0`,
    ];
  }
  return [
    `${isoNow(ts)} FATAL unable to start: connect ECONNREFUSED 10.0.3.12:5432`,
    [
      'Error: connect ECONNREFUSED 10.0.3.12:5432',
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
      '    at Database.connect (/usr/src/app/dist/db.js:31:11)',
      '    at main (/usr/src/app/dist/index.js:14:3)',
    ].join('\n'),
  ];
}
