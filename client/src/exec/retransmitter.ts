/**
 * The outgoing half of the data channel's reliability: input messages stay here until the agent
 * acknowledges them and are resent after a timeout derived from the measured round-trip time, like
 * `ResendStreamDataMessageScheduler` and `CalculateRetransmissionTimeout` in session-manager-plugin's
 * `src/datachannel/streaming.go`. Instead of polling every 100 ms it keeps one timer, set for the
 * oldest unacknowledged message.
 */

/** Clock and timers, injected so tests can drive retransmission without sleeping. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Timers of the running process. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Round-trip constants of `src/config/config.go`, in milliseconds. */
const RTT = {
  initial: 100,
  initialTimeout: 200,
  granularity: 10,
  maxTimeout: 1000,
  alpha: 1 / 8,
  beta: 1 / 4,
};

interface Pending {
  frame: Buffer;
  firstSent: number;
  lastSent: number;
  resent: boolean;
}

/** Unacknowledged frames by sequence number, with their resend timer. */
export class Retransmitter {
  /** Current retransmission timeout. */
  timeoutMs = RTT.initialTimeout;
  private readonly pending = new Map<number, Pending>();
  private roundTrip = RTT.initial;
  private roundTripVariation = 0;
  private timer: unknown;
  private paused = false;
  private stopped = false;

  /**
   * @param send writes a frame to the socket again
   * @param giveUp called once when a frame stays unacknowledged `giveUpAfterMs` after its first send
   */
  constructor(
    private readonly timers: Timers,
    private readonly send: (frame: Buffer) => void,
    private readonly giveUpAfterMs: number,
    private readonly giveUp: (sequenceNumber: number) => void,
  ) {}

  /** Frames sent and not yet acknowledged. */
  get size(): number {
    return this.pending.size;
  }

  /** Records a frame just sent. */
  add(sequenceNumber: number, frame: Buffer): void {
    const now = this.timers.now();
    this.pending.set(sequenceNumber, { frame, firstSent: now, lastSent: now, resent: false });
    this.arm();
  }

  /** Forgets an acknowledged frame and, unless it was resent, learns from its round trip. */
  acknowledge(sequenceNumber: number): void {
    const entry = this.pending.get(sequenceNumber);
    if (!entry) return;
    this.pending.delete(sequenceNumber);
    // Karn's rule: the ack of a resent frame cannot tell which copy it answers, so it is no sample.
    if (!entry.resent) this.sample(this.timers.now() - entry.lastSent);
    this.arm();
  }

  /** While paused (the service's pause_publication) nothing is resent. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.arm();
  }

  /** Drops everything and cancels the timer for good. */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.arm();
  }

  /** Jacobson/Karels smoothing with the plugin's constants and bounds. */
  private sample(ms: number): void {
    this.roundTripVariation =
      (1 - RTT.beta) * this.roundTripVariation + RTT.beta * Math.abs(this.roundTrip - ms);
    this.roundTrip = (1 - RTT.alpha) * this.roundTrip + RTT.alpha * ms;
    const timeout = this.roundTrip + Math.max(RTT.granularity, 4 * this.roundTripVariation);
    this.timeoutMs = Math.min(timeout, RTT.maxTimeout);
  }

  private arm(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.stopped || this.paused || this.pending.size === 0) return;
    let oldest = Infinity;
    for (const p of this.pending.values()) oldest = Math.min(oldest, p.lastSent);
    const wait = Math.max(0, oldest + this.timeoutMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.resendDue();
    }, wait);
  }

  private resendDue(): void {
    const now = this.timers.now();
    for (const [seq, p] of this.pending) {
      if (now - p.lastSent < this.timeoutMs) continue;
      if (now - p.firstSent >= this.giveUpAfterMs) {
        this.stop();
        this.giveUp(seq);
        return;
      }
      p.lastSent = now;
      p.resent = true;
      this.send(p.frame);
    }
    this.arm();
  }
}
