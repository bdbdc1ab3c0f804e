import { findUnstorableText, isStorableText } from './text';

describe('isStorableText', () => {
  it.each(['plain', '', '👍🏽 emoji pairs', '\u202Eright-to-left', '<script>', 'tab\tand\r\nnewlines'])(
    'accepts %p',
    (text) => {
      expect(isStorableText(text)).toBe(true);
    },
  );
  it.each(['a\u0000b', 'x\uD800y', '\uDC00', 'a\uDE00\uD83D'])('refuses %p', (text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('findUnstorableText', () => {
  it('names every bad string by its path, at any depth, keys included', () => {
    const found = findUnstorableText({
      title: 'ok',
      body: 'a\u0000b',
      decisions: ['fine', '\uD800'],
      actionItems: [{ title: 'x', dueDate: 'y\u0000' }],
      'bad\u0000key': 1,
    });
    expect(found.map((e) => e.path)).toEqual(['', 'body', 'decisions[1]', 'actionItems[0].dueDate']);
  });

  it('prefixes a path parameter with its name and stops at the limit', () => {
    expect(findUnstorableText('a\u0000b', 'slug')).toEqual([
      { path: 'slug', message: expect.stringContaining('slug must not contain NUL') },
    ]);
    expect(findUnstorableText(Array(100).fill('\u0000'), '', 5)).toHaveLength(5);
  });

  it('walks a value nested far deeper than the call stack allows', () => {
    let value: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(findUnstorableText(value)).toHaveLength(1);
  });

  it('finds nothing in storable input', () => {
    expect(findUnstorableText({ a: ['b', { c: 'd' }], n: 1, z: null })).toEqual([]);
  });
});
