// The `b24-call-card-rx/angular` entry: the call card in Angular's DI, its state as signals.

// Provide: one call card per environment injector (the application, or a route).
export { provideCallCard } from './provide-call-card';

// Inject: the card, its signals, and `apply` tied to the caller's DestroyRef.
export { injectCallCard } from './inject-call-card';
export type { InjectedCallCard } from './inject-call-card';
