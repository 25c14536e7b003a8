import type { PlacementPort } from '../../src/placement/placement-port';

/** One `call` the placement received. */
export interface RecordedCall {
  readonly command: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly reply: (value: unknown) => void;
  readonly fail: (error: unknown) => void;
}

/**
 * A bare `PlacementPort` for the library's own specs: records bindings and calls, emits raw host
 * payloads, and answers calls through `answer` (default: `[]` synchronously; return `undefined`
 * from `answer` to stay silent and answer later through the recorded call).
 */
export interface RecordingPlacement extends PlacementPort {
  readonly binds: string[];
  readonly calls: RecordedCall[];
  /** Delivers `raw` to every handler bound to `hostEventName` (as many times as it was bound). */
  emit(hostEventName: string, raw?: unknown): void;
  bindCount(hostEventName: string): number;
}

export function recordingPlacement(
  answer: (command: string, params: Readonly<Record<string, unknown>>) => unknown = () => [],
): RecordingPlacement {
  const handlers = new Map<string, Array<(payload: unknown) => void>>();
  const binds: string[] = [];
  const calls: RecordedCall[] = [];
  return {
    binds,
    calls,
    bindEvent(name, handler) {
      binds.push(name);
      const list = handlers.get(name) ?? [];
      list.push(handler);
      handlers.set(name, list);
    },
    call(command, params, onReply, onError) {
      calls.push({ command, params, reply: onReply, fail: (e) => onError?.(e) });
      const value = answer(command, params);
      if (value !== undefined) onReply(value);
    },
    emit(name, raw) {
      for (const handler of handlers.get(name) ?? []) handler(raw);
    },
    bindCount(name) {
      return binds.filter((b) => b === name).length;
    },
  };
}
