import {
  CallCardInputError,
  CallCardPayloadError,
  CallCardUnavailableError,
  callCardEvents,
  fromBX24,
  readEventPayload,
  setUiState,
  timerStatus,
} from 'b24-call-card-rx';
import { fullMessages } from '../../src/model/full-messages';

// The sources decide the message mode when an error is made, by NODE_ENV, as the package's
// bundler build does once the app's bundler has replaced NODE_ENV (message-modes.spec.ts proves
// that on the built package). Here: what each mode says, on the sources.
function inMode<T>(nodeEnv: string, run: () => T): T {
  const saved = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = nodeEnv;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = saved;
  }
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('nothing was thrown');
}

describe('fullMessages', () => {
  it('is true unless NODE_ENV is "production"', () => {
    expect(inMode('test', fullMessages)).toBe(true);
    expect(inMode('development', fullMessages)).toBe(true);
    expect(inMode('production', fullMessages)).toBe(false);
  });
});

describe('error messages in both modes (sources)', () => {
  const cases: [string, () => unknown][] = [
    ['a creator', () => setUiState('talking' as never)],
    ['an operator option', () => timerStatus({ tickMs: 0 })],
    ['a placement check', () => callCardEvents({} as never)],
  ];

  it.each(cases)(
    '%s: the same class, command, field and value; a short message in production',
    (_, run) => {
      const full = inMode('development', () => thrown(run)) as CallCardInputError;
      const short = inMode('production', () => thrown(run)) as CallCardInputError;
      expect(short).toBeInstanceOf(CallCardInputError);
      expect(short.name).toBe(full.name);
      expect([short.command, short.field, short.value]).toEqual([
        full.command,
        full.field,
        full.value,
      ]);
      expect(short.message).toBe(`${full.command}: invalid ${full.field}`);
      expect(short.expected).toBe('');
      expect(full.message).toBe(
        `${full.command}: ${full.field} was ${JSON.stringify(full.value)}; expected ${full.expected}`,
      );
      expect(full.expected.length).toBeGreaterThan(5);
    },
  );

  it('a malformed payload: "invalid payload" in production, the value and what was expected in development', () => {
    const full = inMode('development', () => readEventPayload('muteButtonClick', 'yes'));
    const short = inMode('production', () => readEventPayload('muteButtonClick', 'yes'));
    if (full.ok || short.ok) throw new Error('the payload was accepted');
    expect(short.error).toBeInstanceOf(CallCardPayloadError);
    expect([short.error.event, short.error.value]).toEqual(['muteButtonClick', 'yes']);
    expect(short.error.message).toBe('BackgroundCallCard::muteButtonClick: invalid payload');
    expect(full.error.message).toBe(
      'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
    );
  });

  it('an unavailable host: the first words of the reason in production, the advice in development', () => {
    const full = inMode('development', () => thrown(() => fromBX24(undefined as never)));
    const short = inMode('production', () => thrown(() => fromBX24(undefined as never)));
    expect(short).toBeInstanceOf(CallCardUnavailableError);
    expect((short as CallCardUnavailableError).subject).toBe('fromBX24');
    expect((short as CallCardUnavailableError).reason).toBe(
      'no BX24.placement (BX24 is undefined)',
    );
    expect((full as CallCardUnavailableError).reason).toMatch(
      /^no BX24\.placement \(BX24 is undefined\): the app is not running inside a Bitrix24 portal frame/,
    );
  });
});
