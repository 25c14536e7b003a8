import { hostEventName } from '../../src/model/events';
import type { CallCardPayloadError } from '../../src/model/errors';
import { callCardEvents } from '../../src/streams/call-card-events';
import { fromCallCardEvent } from '../../src/streams/from-call-card-event';
import { recordingPlacement } from '../support/recording-placement';
import { host, playHost } from './host-script';
import { testScheduler } from '../support/fixtures';
import { VALID } from '../support/valid-payloads';

const HOLD = hostEventName('holdButtonClick');

describe('fromCallCardEvent', () => {
  it('binds nothing until the first subscription, then binds once for every subscriber', () => {
    const p = recordingPlacement();
    const held$ = fromCallCardEvent(p, 'holdButtonClick');
    fromCallCardEvent(p, 'holdButtonClick');
    expect(p.binds).toEqual([]);
    held$.subscribe();
    fromCallCardEvent(p, 'holdButtonClick').subscribe();
    held$.subscribe();
    expect(p.binds).toEqual([HOLD]);
  });

  it('delivers clicks live to current subscribers only', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const held$ = fromCallCardEvent(p, 'holdButtonClick');
      const script = playHost(helpers, p, '-a-b-|', {
        a: host('holdButtonClick', true),
        b: host('holdButtonClick', false),
      });
      expectObservable(held$, '^-!').toBe('-a', { a: true });
      expectObservable(held$, '--^--').toBe('---b', { b: false });
      expectSubscriptions(script.subscriptions).toBe('^----!');
    });
  });

  it('replays the latest initialized that arrived after the event was first bound', () => {
    testScheduler().run((helpers) => {
      const { expectObservable, expectSubscriptions } = helpers;
      const p = recordingPlacement();
      const call$ = fromCallCardEvent(p, 'initialized');
      const call2 = { ...VALID.initialized.value, CALL_ID: 'externalCall.43' };
      const script = playHost(helpers, p, '-a-b|', {
        a: host('initialized', VALID.initialized.raw), // nobody subscribed yet: not bound, lost
        b: host('initialized', call2),
      });
      expectObservable(call$, '--^--').toBe('---b', { b: call2 });
      expectObservable(call$, '-----^').toBe('-----b', { b: call2 });
      expectSubscriptions(script.subscriptions).toBe('^---!');
    });
  });

  it('drops a malformed payload, reports it on malformed$, and keeps delivering', () => {
    const p = recordingPlacement();
    const seen: string[] = [];
    const malformed: CallCardPayloadError[] = [];
    callCardEvents(p).malformed$.subscribe((e) => malformed.push(e));
    fromCallCardEvent(p, 'addCommentButtonClick').subscribe((text) => seen.push(text));
    p.emit(hostEventName('addCommentButtonClick'), { text: 'not a string' });
    p.emit(hostEventName('addCommentButtonClick'), 'Call back');
    expect(seen).toEqual(['Call back']);
    expect(malformed.map((e) => e.event)).toEqual(['addCommentButtonClick']);
  });
});
