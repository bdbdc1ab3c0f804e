import { findMentions } from './mentions';

describe('findMentions', () => {
  const ann = { id: 'a', displayName: 'Ann' };
  const annLee = { id: 'al', displayName: 'Ann Lee' };
  const bob = { id: 'b', displayName: 'Bob' };

  it('finds names with spaces, case-insensitively', () => {
    expect(findMentions('thanks @ann lee and @BOB!', [ann, annLee, bob]).sort()).toEqual(['al', 'b']);
  });

  it('does not match a prefix of a longer word', () => {
    expect(findMentions('hi @Annabel', [ann])).toEqual([]);
  });

  it('lets the longest name claim the text, while a separate short mention still counts', () => {
    expect(findMentions('@Ann Lee', [ann, annLee])).toEqual(['al']);
    expect(findMentions('@Ann Lee and @Ann', [ann, annLee]).sort()).toEqual(['a', 'al']);
  });

  it('ignores text without @', () => {
    expect(findMentions('Ann Lee', [ann, annLee])).toEqual([]);
  });
});
