// From source only (vitest, `tsx src/cli/main.ts`): BullMQ starts its worker
// threads on a file, and a thread does not inherit tsx's loader, so this
// plain JavaScript file registers tsx in the thread and then loads the
// TypeScript processor. Compiled, BullMQ loads dist/queue/processor.js and
// this file is not used (src/runtime.ts `moduleWorkerFile`).
import { register } from 'tsx/esm/api';

register();
const { default: processTask } = await import('./processor.ts');
export default processTask;
