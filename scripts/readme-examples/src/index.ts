// The README examples are written beside this file, into generated/, by scripts/readme-examples.mjs (which
// `node scripts/build.mjs` runs before `tsc -b`); this file keeps the project compilable before that.
export {};
