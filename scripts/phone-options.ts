/**
 * `npm run phone:options`: writes the phone country selector's options (lib/phone/region-options.ts)
 * from libphonenumber-js and Node's country names. Run after upgrading either; a unit test
 * (tests/lib/phone/region-options.test.ts) fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { REGION_OPTIONS_FILE, regionOptionsSource } from '@/lib/phone/region-options-source';

writeFileSync(path.resolve(import.meta.dirname, '..', REGION_OPTIONS_FILE), regionOptionsSource());
console.log(`${REGION_OPTIONS_FILE} written`);
