// A module only test/chunk-faults*.test.ts import, to learn whether this engine fetches a module
// again after one failed fetch (WebKit and Chromium 156 do; Firefox keeps the failure for the page).
export const arrived = true;
