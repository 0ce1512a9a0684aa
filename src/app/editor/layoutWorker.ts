/**
 * The layout worker: ELK's own worker script, which answers ELK's messages (see autoLayout.ts).
 * Running ELK here keeps the page responsive while a large flow is laid out.
 */
import 'elkjs/lib/elk-worker.min.js';
