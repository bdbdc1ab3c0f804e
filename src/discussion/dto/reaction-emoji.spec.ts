import { isReactionEmoji } from './reaction-emoji';

describe('isReactionEmoji', () => {
  it.each([
    ['thumbs up', '👍'],
    ['skin tone', '👍🏽'],
    ['variation selector', '❤️'],
    ['ZWJ sequence', '👩🏽‍💻'],
    ['family', '👨‍👩‍👧‍👦'],
    ['flag', '🇧🇷'],
    ['keycap', '1️⃣'],
    ['subdivision flag', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'],
    ['shortcode', ':tada:'],
    ['shortcode with +', ':+1:'],
  ])('accepts %s', (_label, emoji) => {
    expect(isReactionEmoji(emoji)).toBe(true);
  });

  it.each([
    ['script tag', '<script>alert(1)</script>'],
    ['RTL override', '\u202E👍'],
    ['RTL override alone', '\u202E'],
    ['emoji then text', '👍 nice'],
    ['two emoji', '👍👍'],
    ['letters', 'tada'],
    ['digit without keycap', '1'],
    ['lone regional indicator', '🇧'],
    ['dangling ZWJ', '👍\u200D'],
    ['zero-width space', '👍\u200B'],
    ['empty', ''],
    ['unclosed shortcode', ':tada'],
    ['upper-case shortcode', ':TADA:'],
    ['shortcode with spaces', ':ta da:'],
    ['too long', `:${'a'.repeat(40)}:`],
    ['not a string', 5],
  ])('refuses %s', (_label, emoji) => {
    expect(isReactionEmoji(emoji)).toBe(false);
  });
});
