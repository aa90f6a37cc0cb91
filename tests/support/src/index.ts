export * from './hub-process.js';
export * from './live-hub.js';
export * from './process-tree.js';
