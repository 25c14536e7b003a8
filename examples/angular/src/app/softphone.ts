import { Injectable } from '@angular/core';
import { map, timer } from 'rxjs';
import type { Observable } from 'rxjs';

/**
 * The app's own telephony (a WebRTC or SIP client in a real app); here a fake that picks up
 * after a short delay. The call card only shows what it does.
 */
@Injectable({ providedIn: 'root' })
export class Softphone {
  /** Picks up the incoming call. */
  answer(): Observable<void> {
    return timer(600).pipe(map(() => undefined));
  }

  /** Calls `number`; the callee answers (or not). */
  dial(number: string): Observable<'answered' | 'noAnswer'> {
    return timer(900).pipe(map(() => (number === '' ? 'noAnswer' : 'answered')));
  }
}
