import type { SimClock } from './clock';
import type { JsonObject } from './model';
import type { Engine } from './ecs/sim/engine';
import type { EmulatorState } from './state';

/** What every API handler works with. */
export interface HandlerContext {
  readonly state: EmulatorState;
  readonly engine: Engine;
  readonly clock: SimClock;
}

/** One API operation: request members in, response members out (errors are thrown ApiErrors). */
export type Handler = (ctx: HandlerContext, params: JsonObject) => Record<string, unknown>;
