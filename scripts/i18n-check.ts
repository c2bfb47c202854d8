import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { flattenCatalogue, type Catalogue } from '@/lib/i18n/catalogue';
import {
  catalogueCoverage,
  catalogueProblems,
  describeCatalogueProblem,
  percent,
} from '@/scripts/i18n/catalogue-check';
import { describeHardCodedString, findHardCodedStrings, withoutAllowed } from '@/scripts/i18n/hard-coded-strings';
import { routing } from '@/lib/i18n/routing';

// Where people read words: pages and components, and the emails; only .tsx files hold JSX.
const SOURCES = ['app', 'components', 'lib/email/templates'];
const ALLOWLIST = 'scripts/i18n-check.allowlist.json';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

// English first: it is the language the others are compared with.
const locales = [routing.defaultLocale, ...routing.locales.filter((locale) => locale !== routing.defaultLocale)];
const catalogues = Object.fromEntries(
  locales.map((locale) => [locale, flattenCatalogue(readJson(`messages/${locale}.json`) as Catalogue)]),
);

const problems = catalogueProblems(catalogues).map(describeCatalogueProblem);

const files = SOURCES.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
    .map((entry) => join(entry.parentPath, entry.name)),
).sort();
const allowlist = z
  .array(z.object({ text: z.string().min(1), reason: z.string().min(1) }).strict())
  .parse(readJson(ALLOWLIST));
const { remaining, unused } = withoutAllowed(
  files.flatMap((file) => findHardCodedStrings(file, readFileSync(file, 'utf8'))),
  allowlist,
);
problems.push(...remaining.map(describeHardCodedString));
problems.push(...unused.map((entry) => `${ALLOWLIST}: ${JSON.stringify(entry.text)} is no longer in the code`));

for (const problem of problems) console.log(problem);

const coverage = catalogueCoverage(catalogues);
console.log(`\nCatalogue: ${coverage.keys} keys`);
for (const { locale, present, nonEmpty, differ } of coverage.languages) {
  const translated = locale === locales[0] ? '' : `, ${differ} differ from ${locales[0]} (${percent(differ, coverage.keys)} % translated)`;
  console.log(`  ${locale}: ${present} present, ${nonEmpty} non-empty${translated}: ${percent(nonEmpty, coverage.keys)} % complete`);
}
console.log(`Source: ${files.length} files in ${SOURCES.join(', ')}, ${allowlist.length} allowlisted strings`);

if (problems.length === 0) console.log('OK');
else {
  console.log(`${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exitCode = 1;
}
