import type { Observable } from 'rxjs';
import { filter } from 'rxjs';
import { CallCardInputError } from '../../src/model/errors';
import type {
  CallCardEvent,
  CallInfo,
  CrmEntity,
  DialpadKey,
  QualityGrade,
  TransferTarget,
} from '../../src/model/events';
import type { CallCardEvents } from '../../src/streams/call-card-events';
import { callCardEvents } from '../../src/streams/call-card-events';
import { fromCallCardEvent } from '../../src/streams/from-call-card-event';
import type { PlacementPort } from '../../src/placement/placement-port';
import { recordingPlacement } from '../support/recording-placement';

// These tests are checked by `tsc --noEmit` (spec/ is in tsconfig.json); at run time they prove
// that the checks a JavaScript caller relies on throw at the call.

describe('callCardEvents: types', () => {
  const events: CallCardEvents = callCardEvents(recordingPlacement());

  it('types on(type) by CallCardEventMap', () => {
    const mute: Observable<boolean> = events.on('muteButtonClick');
    const dialpad: Observable<DialpadKey> = events.on('dialpadButtonClick');
    const transfer: Observable<TransferTarget> = events.on('transferButtonClick');
    const grade: Observable<QualityGrade> = events.on('qualityMeterClick');
    const call: Observable<CallInfo> = events.on('initialized');
    const answer: Observable<undefined> = events.on('answerButtonClick');
    // @ts-expect-error: a mute click carries a boolean, not a string
    const wrong: Observable<string> = events.on('muteButtonClick');
    expect([mute, dialpad, transfer, grade, call, answer, wrong]).toHaveLength(7);
  });

  it('types every field', () => {
    const fields: {
      initialized$: Observable<CallInfo>;
      entityChanged$: Observable<CrmEntity>;
      mute$: Observable<boolean>;
      hold$: Observable<boolean>;
      dialpad$: Observable<DialpadKey>;
      transfer$: Observable<TransferTarget>;
      addComment$: Observable<string>;
      hangup$: Observable<undefined>;
      all$: Observable<CallCardEvent>;
    } = events;
    expect(fields).toBe(events);
  });

  it('narrows all$ by type', () => {
    const mutes: Observable<CallCardEvent<'muteButtonClick'>> = events.all$.pipe(
      filter((e): e is CallCardEvent<'muteButtonClick'> => e.type === 'muteButtonClick'),
    );
    mutes.subscribe((e) => {
      const muted: boolean = e.payload;
      void muted;
    });
    expect(mutes).toBeDefined();
  });

  it('rejects an unknown event type at compile time and at run time', () => {
    // @ts-expect-error: not one of the 17 event types
    expect(() => events.on('unknownType')).toThrow(CallCardInputError);
    // @ts-expect-error: not one of the 17 event types
    expect(() => fromCallCardEvent(recordingPlacement(), 'unknownType')).toThrow(
      'fromCallCardEvent: type was "unknownType"; expected one of the 17 call-card event types',
    );
  });

  it('types fromCallCardEvent by CallCardEventMap', () => {
    const held: Observable<boolean> = fromCallCardEvent(recordingPlacement(), 'holdButtonClick');
    // @ts-expect-error: an added comment carries a string, not a number
    const wrong: Observable<number> = fromCallCardEvent(
      recordingPlacement(),
      'addCommentButtonClick',
    );
    expect([held, wrong]).toHaveLength(2);
  });

  it('rejects something that is not a placement with CallCardInputError', () => {
    expect(() => callCardEvents(undefined as unknown as PlacementPort)).toThrow(
      'callCardEvents: placement was undefined; expected a PlacementPort',
    );
    expect(() => callCardEvents({} as PlacementPort)).toThrow(CallCardInputError);
    expect(() => fromCallCardEvent(null as unknown as PlacementPort, 'initialized')).toThrow(
      CallCardInputError,
    );
  });
});
