import { simpleValidator } from '../../common/validation/validators';

/**
 * A reaction is one emoji or one `:shortcode:`, nothing else: free text here would let anyone pin `<script>`, an
 * RTL override or a slur under a message. One emoji is a flag (two regional indicators), a keycap (`1️⃣`), or
 * pictographs joined by ZWJ (`👩🏽‍💻`), each with an optional variation selector or skin tone and, for
 * subdivision flags (`🏴󠁧󠁢󠁳󠁣󠁴󠁿`), tag characters.
 */
const PICTOGRAPH = String.raw`\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?`;
const ELEMENT = String.raw`(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|${PICTOGRAPH})`;
const EMOJI = new RegExp(String.raw`^${ELEMENT}(?:\u200D${ELEMENT})*$`, 'u');
/** Slack/GitHub-style names: lower-case ASCII, digits, `_`, `+`, `-` between colons. */
const SHORTCODE = /^:[a-z0-9_+-]{1,30}:$/;
export const MAX_EMOJI_LENGTH = 32;

export function isReactionEmoji(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_EMOJI_LENGTH &&
    (EMOJI.test(value) || SHORTCODE.test(value))
  );
}

export const IsReactionEmoji = simpleValidator(
  'isReactionEmoji',
  isReactionEmoji,
  '$property must be one emoji (such as 👍 or 👩🏽‍💻) or a :shortcode: such as :tada:',
);
