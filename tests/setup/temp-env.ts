import { inject } from 'vitest';

// vitest setupFiles: in every test worker, the system temporary folder is the run's
// root from tests/setup/temp-root.ts (os.tmpdir() reads TMPDIR on each call).
process.env.TMPDIR = inject('tempRoot');
