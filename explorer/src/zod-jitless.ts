import { z } from 'zod';

// Imported first by the worker, before any schema is built: zod's compiled fast path probes `new Function`,
// which the page's Content-Security-Policy forbids (and reports as a violation even when the probe is caught).
z.config({ jitless: true });
