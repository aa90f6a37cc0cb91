export * from './hub-process.js';
export * from './live-hub.js';
export * from './follow-job.js';
export * from './process-tree.js';
export * from './ready-line.js';
export * from './redis-server.js';
