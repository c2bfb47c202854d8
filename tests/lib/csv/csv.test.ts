import { describe, expect, it } from 'vitest';
import { parseCsv } from '@/lib/csv/parse';
import { csvCell, csvRow } from '@/lib/csv/write';

describe('CSV', () => {
  it('reads quoted cells with commas, quotes and line breaks, and numbers records by the line they start on', () => {
    expect(parseCsv('\uFEFFemail,name\r\na@example.com,"Doe, ""Jo"""\n\nb@example.com,"two\nlines"\nc@example.com,Last')).toEqual([
      { line: 1, cells: ['email', 'name'] },
      { line: 2, cells: ['a@example.com', 'Doe, "Jo"'] },
      { line: 4, cells: ['b@example.com', 'two\nlines'] },
      { line: 6, cells: ['c@example.com', 'Last'] },
    ]);
    expect(parseCsv('email\n"never closed')).toBeNull();
  });

  it('defuses cells a spreadsheet would run as formulas, and quotes what needs it', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\t=1'].map(csvCell)).toEqual(["\"'=HYPERLINK(\"\"x\"\")\"", "'+1", "'-2", "'@SUM(A1)", "'\t=1"]);
    expect(csvRow(['Ada', 'Doe, Jo', 'plain'])).toBe('Ada,"Doe, Jo",plain\r\n');
    // What the export writes, the import reads back (the apostrophe stays: it is the defence).
    expect(parseCsv(csvRow(['=1+1', 'a "quoted" name']))?.[0]?.cells).toEqual(["'=1+1", 'a "quoted" name']);
  });
});
