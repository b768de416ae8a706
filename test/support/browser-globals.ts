// The Node test program has no DOM lib (so browser globals cannot leak into src/); code inside page.evaluate()
// runs in Chromium, and test files declare the few globals it uses with this type, file-locally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type InBrowser = any;
