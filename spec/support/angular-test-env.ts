// Angular's TestBed for the specs of the `b24-call-card-rx/angular` entry. Components in these
// specs are compiled just in time (no Angular compiler in the library's build), hence the
// compiler import. Call `initAngularTestEnvironment()` at the top of each such spec file.
import '@angular/compiler';
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

export function initAngularTestEnvironment(): void {
  const testBed = getTestBed();
  // `platform` is typed as always there, but it is null until the first init.
  if (!(testBed.platform as unknown))
    testBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
      teardown: { destroyAfterEach: true },
    });
}
