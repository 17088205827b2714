/** The library version; kept equal to package.json by scripts/check-manifest.mjs. */
export const VERSION = '0.1.0';
