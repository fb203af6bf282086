import type { ServiceDefinition } from '../context';
import { logsHandlers } from './api';

/**
 * Amazon CloudWatch Logs (AWS JSON 1.1, target prefix `Logs_20140328`, signing name `logs`).
 *
 * This folder holds the log groups and streams (store.ts), the request/response API over them
 * (api.ts), the filter pattern language of FilterLogEvents and Live Tail (filterPattern.ts),
 * StartLiveTail's event stream sessions (liveTail.ts) and the lines simulated containers write
 * (logLines.ts, used by the ECS simulation).
 *
 * Request/response operations are `Handler`s in api.ts's table; StartLiveTail is a streaming
 * operation, answered by the LiveTailHub that lives as long as the emulator.
 */
export const logsService: ServiceDefinition = {
  name: 'logs',
  targetPrefix: 'Logs_20140328',
  operations: logsHandlers,
  streamingOperations: {
    StartLiveTail: (hubs, params, { res, requestId, dropAfterMs }) => {
      hubs.liveTail.validate(params);
      hubs.liveTail.start(params, res, requestId, dropAfterMs);
    },
  },
};
