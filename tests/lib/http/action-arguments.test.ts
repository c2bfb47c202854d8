import { describe, expect, it } from 'vitest';
import { actionArgumentsReadable } from '@/lib/http/action-arguments';

function form(parts: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(parts)) data.append(name, value);
  return data;
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('server-action arguments posted with JavaScript (Next-Action header)', () => {
  it('takes what the site’s forms send: the previous state and the form, or the form alone', () => {
    const state = JSON.stringify({ ok: false, formError: '$$ costs', fieldErrors: { identifier: ['Enter it'] }, values: { identifier: 'x' }, extra: '$undefined' });
    expect(actionArgumentsReadable(form({ '0': `[${state},"$K1"]`, _1_locale: 'fr', _1_identifier: 'a@b.c' }), true)).toBe(true);
    expect(actionArgumentsReadable(form({ '0': '["$K1"]', _1_locale: 'en' }), true)).toBe(true);
    // What an unexpected but harmless client sends: React decodes it, the pipeline reads an empty form.
    expect(actionArgumentsReadable(form({ '0': '[{},"not a form"]' }), true)).toBe(true);
    // React's reference to an object it already wrote.
    expect(actionArgumentsReadable(form({ '0': '[{"a":{"b":[1]}},"$0:0:a"]' }), true)).toBe(true);
    expect(actionArgumentsReadable(form({ '0': '["$1"]', '1': '{"x":1}' }), true)).toBe(true);
  });

  it('refuses each shape that made Next.js answer 500', () => {
    const refused: Array<[string, Record<string, string | Blob>]> = [
      ['broken JSON', { '0': '{{' }],
      ['no part 0', { _1_locale: 'en', identifier: 'x' }],
      ['a reference to a missing part', { '0': '["$1"]' }],
      ['a blob reference to text', { '0': '["$B1"]', '1': '{' }],
      ['a blob reference to a file', { '0': '["$B1"]', '1': new Blob(['x']) }],
      ['an iterator with bad JSON', { '0': '["$i1"]', '1': '[' }],
      ['a map with bad JSON', { '0': '["$Q1"]', '1': '{{' }],
      ['a set', { '0': '["$W1"]', '1': '[]' }],
      ['a path into the prototype', { '0': '["$1:constructor:constructor"]', '1': '{}' }],
      ['__proto__ as a key', { '0': '[{"__proto__":{"then":1}}]' }],
      ['a path to a key that is not there', { '0': '["$1:nothing"]', '1': '{}' }],
      ['a path through a non-object', { '0': '["$1:0:length"]', '1': '["text"]' }],
      ['arguments nested 4,000 deep', { '0': nested(4000) }],
      ['arguments nested just past the limit', { '0': nested(40) }],
      ['a server function', { '0': '["$h1"]', '1': '{"id":"x","bound":null}' }],
      ['a promise', { '0': '["$@1"]', '1': '[]' }],
      ['a stream', { '0': '["$R1"]', S1: 'x' }],
      ['a typed array', { '0': '["$o1"]', '1': new Blob(['x']) }],
      ['a bigint too large', { '0': `["$n${'9'.repeat(301)}"]` }],
      ['an unknown kind', { '0': '["$Z"]' }],
      ['a reference cycle through a path', { '0': '["$1:a"]', '1': '{"a":"$1:a"}' }],
    ];
    for (const [name, parts] of refused) expect(actionArgumentsReadable(form(parts), true), name).toBe(false);
  });

  it('refuses a chain of references longer than any form needs', () => {
    const parts: Record<string, string> = { '0': '["$1"]' };
    for (let id = 1; id < 40; id++) parts[id.toString(16)] = `["$${(id + 1).toString(16)}"]`;
    parts[(40).toString(16)] = '[]';
    expect(actionArgumentsReadable(form(parts), true)).toBe(false);
  });
});

describe('server-action arguments posted without JavaScript', () => {
  it('takes what a form posts: the action reference, its bound state, and the fields', () => {
    const posted = form({
      $ACTION_REF_1: '',
      '$ACTION_1:0': '{"id":"40abc","bound":"$@1"}',
      '$ACTION_1:1': '[{"ok":false,"values":{}}]',
      $ACTION_KEY: 'k123',
      locale: 'fr',
      identifier: 'a@b.c',
    });
    expect(actionArgumentsReadable(posted, false)).toBe(true);
    expect(actionArgumentsReadable(form({ $ACTION_ID_40abc: '', locale: 'en' }), false)).toBe(true);
    // A plain post to a page is no server action at all.
    expect(actionArgumentsReadable(form({ identifier: 'x' }), false)).toBe(true);
  });

  it('refuses a reference whose metadata or bound arguments cannot be decoded', () => {
    const refused: Array<[string, Record<string, string>]> = [
      ['no metadata', { $ACTION_REF_1: '' }],
      ['broken metadata', { $ACTION_REF_1: '', '$ACTION_1:0': '{{' }],
      ['metadata without an id', { $ACTION_REF_1: '', '$ACTION_1:0': '{"bound":null}' }],
      ['bound arguments missing', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"x","bound":"$@1"}' }],
      ['bound arguments broken', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"x","bound":"$@1"}', '$ACTION_1:1': '[' }],
      ['bound arguments into the prototype', { $ACTION_REF_1: '', '$ACTION_1:0': '{"id":"x","bound":"$@1"}', '$ACTION_1:1': '["$2:constructor"]', '$ACTION_1:2': '{}' }],
      ['two references', { $ACTION_REF_1: '', $ACTION_REF_2: '', '$ACTION_1:0': '{"id":"x","bound":null}', '$ACTION_2:0': '{"id":"y","bound":null}' }],
    ];
    for (const [name, parts] of refused) expect(actionArgumentsReadable(form(parts), false), name).toBe(false);
  });
});
