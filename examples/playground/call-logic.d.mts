import type { Observable } from 'rxjs';
import type { CallCard, CallCardCommand } from 'b24-call-card-rx';

/** The playground app's call logic for one card: events in, commands out. */
export function callLogic(card: CallCard): Observable<CallCardCommand>;
