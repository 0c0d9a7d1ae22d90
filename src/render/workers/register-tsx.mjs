// Worker bootstrap, in JavaScript because it runs before any loader: Node 20 does not give a worker thread the main
// thread's module hooks (https://github.com/nodejs/node/issues/47747), so each worker registers tsx for itself and
// then loads its TypeScript entry (`workerData.entry`).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
