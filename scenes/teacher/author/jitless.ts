// Imported first by the check worker: zod builds its parsers without `new Function` (as the page
// does, scenes/offline.ts), so nothing in the worker depends on eval being allowed.
import * as z from 'zod';

z.config({ jitless: true });
