import {
  connectCallCard,
  readEventPayload,
  recordCallCard,
  redactPersonalData,
  sendCommand,
  setCardTitle,
  setMute,
  setStatusText,
  setUiState,
} from '../../src';
import type { CallCardEventType, CallCardSessionLog, SessionLogEntry } from '../../src';
import { at, testScheduler } from '../support/fixtures';
import { recordingPlacement } from '../support/recording-placement';

const event = (type: string, payload?: unknown): SessionLogEntry =>
  Object.freeze(
    payload === undefined
      ? { kind: 'event', at: 5, event: `BackgroundCallCard::${type}` }
      : { kind: 'event', at: 5, event: `BackgroundCallCard::${type}`, payload },
  ) as SessionLogEntry;

const payloadOf = (entry: SessionLogEntry): unknown => (entry as { payload?: unknown }).payload;

const CALL = {
  CALL_ID: 'externalCall.5f0e',
  PHONE_NUMBER: '+49 30 1234567',
  LINE_NUMBER: 'reg1',
  LINE_NAME: 'Sales',
  CRM_ENTITY_TYPE: 'CONTACT',
  CRM_ENTITY_ID: 42,
  CRM_ACTIVITY_ID: '9001',
  CRM_BINDINGS: [
    { ENTITY_TYPE: 'CONTACT', ENTITY_ID: 42 },
    { ENTITY_TYPE: 'COMPANY', ENTITY_ID: '7' },
  ],
  CALL_DIRECTION: 'incoming',
  CALL_STATE: 'idle',
  CALL_LIST_MODE: false,
};

describe('redactPersonalData: events', () => {
  it('hides the phone number and CRM ids of initialized, and keeps the rest', () => {
    expect(payloadOf(redactPersonalData(event('initialized', CALL)))).toStrictEqual({
      CALL_ID: 'externalCall.5f0e',
      PHONE_NUMBER: '[redacted]',
      LINE_NUMBER: 'reg1',
      LINE_NAME: 'Sales',
      CRM_ENTITY_TYPE: 'CONTACT',
      CRM_ENTITY_ID: 1,
      CRM_ACTIVITY_ID: '1',
      CRM_BINDINGS: [
        { ENTITY_TYPE: 'CONTACT', ENTITY_ID: 1 },
        { ENTITY_TYPE: 'COMPANY', ENTITY_ID: '1' },
      ],
      CALL_DIRECTION: 'incoming',
      CALL_STATE: 'idle',
      CALL_LIST_MODE: false,
    });
  });

  it('keeps what means "none": the host\'s own phone numbers, 0 and empty ids', () => {
    for (const phone of ['', 'hidden', 'unknown'])
      expect(
        payloadOf(
          redactPersonalData(
            event('entityChanged', { PHONE_NUMBER: phone, CRM_ENTITY_TYPE: '', CRM_ENTITY_ID: 0 }),
          ),
        ),
      ).toStrictEqual({ PHONE_NUMBER: phone, CRM_ENTITY_TYPE: '', CRM_ENTITY_ID: 0 });
    expect(
      payloadOf(
        redactPersonalData(event('initialized', { ...CALL, CRM_ENTITY_ID: '', CRM_BINDINGS: [] })),
      ),
    ).toMatchObject({ CRM_ENTITY_ID: '', CRM_BINDINGS: [] });
    expect(
      payloadOf(redactPersonalData(event('initialized', { ...CALL, CRM_ENTITY_ID: '0' }))),
    ).toMatchObject({
      CRM_ENTITY_ID: '0',
    });
  });

  it('hides the transfer target and number, and the comment text', () => {
    expect(
      payloadOf(
        redactPersonalData(
          event('transferButtonClick', { phoneNumber: '+1 555 0100', target: 12 }),
        ),
      ),
    ).toStrictEqual({ phoneNumber: '[redacted]', target: 1 });
    expect(
      payloadOf(
        redactPersonalData(
          event('transferButtonClick', { phoneNumber: '', target: '+1 555 0100' }),
        ),
      ),
    ).toStrictEqual({ phoneNumber: '', target: '[redacted]' });
    expect(
      payloadOf(
        redactPersonalData(event('transferButtonClick', { phoneNumber: '', target: '12' })),
      ),
    ).toStrictEqual({
      phoneNumber: '',
      target: '1',
    });
    expect(
      payloadOf(redactPersonalData(event('addCommentButtonClick', 'Call Ann back on Monday'))),
    ).toBe('[redacted]');
    expect(payloadOf(redactPersonalData(event('addCommentButtonClick', '')))).toBe('');
  });

  it('hides every string and number of keys the host does not document, and of unexpected payloads', () => {
    expect(
      payloadOf(
        redactPersonalData(
          event('initialized', {
            ...CALL,
            CLIENT_NAME: 'Ann Lee',
            EXTRA: { tags: ['vip', 3, true, null] },
          }),
        ),
      ),
    ).toMatchObject({ CLIENT_NAME: '[redacted]', EXTRA: { tags: ['[redacted]', 1, true, null] } });
    expect(payloadOf(redactPersonalData(event('initialized', '+49 30 1234567')))).toBe(
      '[redacted]',
    );
    expect(
      payloadOf(redactPersonalData(event('entityChanged', ['+49 30 1234567', 0]))),
    ).toStrictEqual(['[redacted]', 0]);
    expect(
      payloadOf(
        redactPersonalData(
          event('initialized', {
            ...CALL,
            CRM_BINDINGS: ['CONTACT_42', { ENTITY_TYPE: 'DEAL', ENTITY_ID: 'x9' }],
          }),
        ),
      ),
    ).toMatchObject({
      CRM_BINDINGS: ['[redacted]', { ENTITY_TYPE: 'DEAL', ENTITY_ID: '[redacted]' }],
    });
  });

  it('keeps a redacted payload readable as the same event, so a redacted log replays alike', () => {
    const payloads: Array<[CallCardEventType, unknown]> = [
      ['initialized', CALL],
      [
        'entityChanged',
        { PHONE_NUMBER: '+49 30 1234567', CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: '42' },
      ],
      ['transferButtonClick', { phoneNumber: '+1 555 0100', target: 12 }],
      ['transferButtonClick', { phoneNumber: '', target: '+1 555 0100' }],
      ['addCommentButtonClick', 'Call Ann back'],
    ];
    for (const [type, raw] of payloads) {
      const redacted = payloadOf(redactPersonalData(event(type, raw)));
      expect(readEventPayload(type, raw).ok).toBe(true);
      expect(readEventPayload(type, redacted).ok).toBe(true);
    }
  });

  it('returns every other event as it is (the very entry): clicks, flags, dialpad keys', () => {
    for (const entry of [
      event('muteButtonClick', true),
      event('dialpadButtonClick', '5'),
      event('answerButtonClick', ''),
      event('somethingNew', { PHONE: '+1' }),
    ])
      expect(redactPersonalData(entry)).toBe(entry);
    expect(redactPersonalData(event('initialized'))).toStrictEqual(event('initialized'));
  });

  it('never changes the entry it is given', () => {
    const entry = event('initialized', Object.freeze({ ...CALL }));
    const before = JSON.stringify(entry);
    const redacted = redactPersonalData(entry);
    expect(JSON.stringify(entry)).toBe(before);
    expect(redacted).not.toBe(entry);
  });
});

describe('redactPersonalData: commands and failures', () => {
  const command = (name: string, params: Record<string, unknown>): SessionLogEntry =>
    Object.freeze({
      kind: 'command',
      at: 1,
      id: 3,
      command: name,
      params,
      card: 1,
    }) as SessionLogEntry;

  it('hides the title and status text the app wrote, keeping "" and every other param', () => {
    expect(
      redactPersonalData(command('CallCardSetCardTitle', { title: 'Ann Lee (ACME)' })),
    ).toStrictEqual(command('CallCardSetCardTitle', { title: '[redacted]' }));
    expect(redactPersonalData(command('CallCardSetStatusText', { statusText: '' }))).toStrictEqual(
      command('CallCardSetStatusText', { statusText: '' }),
    );
    const state = command('CallCardSetUiState', {
      uiState: 'connected',
      disableAutoStartTimer: true,
    });
    expect(redactPersonalData(state)).toBe(state);
  });

  it('hides the message of a failure about a personal event, and keeps its name and event', () => {
    const failure = (eventName: string, message: string): SessionLogEntry =>
      ({
        kind: 'failure',
        at: 2,
        error: { name: 'CallCardPayloadError', message, event: eventName },
      }) as SessionLogEntry;
    expect(
      redactPersonalData(
        failure(
          'transferButtonClick',
          'BackgroundCallCard::transferButtonClick: payload was {"phoneNumber":"+1 555 0100"}; expected target to be an employee id',
        ),
      ),
    ).toStrictEqual(failure('transferButtonClick', '[redacted]'));
    expect(redactPersonalData(failure('initialized', 'something else about +49 30'))).toStrictEqual(
      failure('initialized', '[redacted]'),
    );
    const mute = failure(
      'muteButtonClick',
      'BackgroundCallCard::muteButtonClick: payload was "yes"; expected a boolean',
    );
    expect(redactPersonalData(mute)).toBe(mute);
    const timeout: SessionLogEntry = {
      kind: 'failure',
      at: 3,
      id: 1,
      error: {
        name: 'CallCardTimeoutError',
        message: 'CallCardSetCardTitle: no reply from the host within 2000 ms',
        command: 'CallCardSetCardTitle',
      },
    };
    expect(redactPersonalData(timeout)).toBe(timeout);
  });
});

describe("redactPersonalData as the recorder's redact hook", () => {
  it('leaves no personal value anywhere in the log, snapshot included, and keeps its structure', () => {
    let log: CallCardSessionLog | undefined;
    let plain: CallCardSessionLog | undefined;
    testScheduler().run(({ flush }) => {
      const p = recordingPlacement();
      const recorder = recordCallCard(p, { redact: redactPersonalData });
      const unredacted = recordCallCard(p);
      const card = connectCallCard(p);
      at(1, () =>
        p.emit('BackgroundCallCard::entityChanged', {
          PHONE_NUMBER: '+49 30 1234567',
          CRM_ENTITY_TYPE: 'CONTACT',
          CRM_ENTITY_ID: 42,
        }),
      );
      at(2, () => p.emit('BackgroundCallCard::initialized', CALL));
      at(3, () => card.send(setCardTitle('Ann Lee (ACME GmbH)')));
      at(4, () => card.send(setStatusText('Calling +49 30 1234567')));
      at(5, () =>
        p.emit('BackgroundCallCard::transferButtonClick', {
          phoneNumber: '+49 30 1234567',
          target: 102,
        }),
      );
      at(6, () =>
        p.emit('BackgroundCallCard::transferButtonClick', { phoneNumber: '+49 30 1234567' }),
      );
      at(7, () => p.emit('BackgroundCallCard::addCommentButtonClick', 'Ann wants a callback'));
      at(8, () => card.send(setUiState('connected')));
      at(9, () => sendCommand(p, setMute(true)).subscribe());
      at(10, () => {
        log = recorder.log();
        plain = unredacted.log();
      });
      flush();
    });
    const text = JSON.stringify(log);
    for (const secret of ['1234567', 'Ann', 'ACME', '42', '102', '9001'])
      expect(text).not.toContain(secret);
    expect(JSON.stringify(plain)).toContain('Ann Lee');
    expect(log!.redacted).toBe(true);
    // The same entries, kinds, times, ids and keys: only values differ.
    const keysOrType = (value: unknown): unknown =>
      typeof value === 'object' && value !== null ? Object.keys(value) : typeof value;
    const shape = (l: CallCardSessionLog) =>
      l.entries.map((e) => [e.kind, e.at, 'id' in e ? e.id : null, keysOrType(payloadOf(e))]);
    expect(shape(log!)).toEqual(shape(plain!));
    // The snapshot hides what the entries hide: a redacted log replays to its own snapshot.
    expect(log!.snapshot).toMatchObject({
      uiState: 'connected',
      title: '[redacted]',
      statusText: '[redacted]',
      call: { CALL_ID: CALL.CALL_ID, PHONE_NUMBER: '[redacted]', CRM_ENTITY_ID: 1 },
      entity: { PHONE_NUMBER: '[redacted]', CRM_ENTITY_TYPE: 'CONTACT', CRM_ENTITY_ID: 1 },
    });
    expect(JSON.parse(JSON.stringify(log))).toStrictEqual(log);
  });
});
