// `node --import tsx --import ./scripts/runtime/register.mjs scripts/<name>.ts`
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
