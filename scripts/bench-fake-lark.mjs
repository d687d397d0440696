// Starts scripts/bench-fake-lark.ts in a worker thread (tsx is registered here first).
import { register } from 'tsx/esm/api';

register();
await import('./bench-fake-lark.ts');
