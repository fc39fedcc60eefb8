// chrono-node's English entry point ('chrono-node/en', in its package exports), typed by its own declarations: this
// project resolves modules the classic way (moduleResolution node), which reads no package exports.
declare module 'chrono-node/en' {
  export * from 'chrono-node/dist/cjs/locales/en';
}
