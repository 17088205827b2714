// A module only test/chunk-faults*.test.ts import, to learn whether this engine fetches a module
// again after one failed fetch (WebKit does; Chromium and Firefox keep the failure for the page).
export const arrived = true;
