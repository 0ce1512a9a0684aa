/**
 * Runs before anything else in the page. zod probes `new Function` to decide whether it may
 * compile fast parsers; under the app's Content-Security-Policy that probe is refused and
 * reported as a violation. Tell it up front not to try.
 */
import { z } from 'zod';

z.config({ jitless: true });
