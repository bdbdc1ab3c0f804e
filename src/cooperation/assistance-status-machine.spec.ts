import { AssistanceStatus as S } from './cooperation.enums';
import { ASSISTANCE_TRANSITIONS, canStep, isFinal, mayTakeStep } from './assistance-status-machine';

describe('assistance status machine', () => {
  const all = Object.values(S);

  it('allows exactly the documented steps', () => {
    const allowed = all.flatMap((from) => all.filter((to) => canStep(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'open→matched',
        'open→withdrawn',
        'matched→in_progress',
        'matched→withdrawn',
        'in_progress→closed',
        'in_progress→withdrawn',
      ].sort(),
    );
  });

  it('refuses skipping, going back, staying and leaving an end', () => {
    expect(canStep(S.Open, S.InProgress)).toBe(false);
    expect(canStep(S.Open, S.Closed)).toBe(false);
    expect(canStep(S.Matched, S.Open)).toBe(false);
    expect(canStep(S.Matched, S.Matched)).toBe(false);
    expect(canStep(S.Closed, S.Withdrawn)).toBe(false);
    expect(canStep(S.Withdrawn, S.Open)).toBe(false);
    expect(all.some((to) => canStep(S.Open, to) && to === S.Open)).toBe(false);
  });

  it('knows the final statuses', () => {
    expect(all.filter(isFinal).sort()).toEqual([S.Closed, S.Withdrawn].sort());
    expect(ASSISTANCE_TRANSITIONS[S.Closed]).toEqual([]);
  });

  it('says who may take each step', () => {
    const none = { manages: false, ofRequesting: false, ofOffering: false };
    const manager = { ...none, manages: true };
    const requesting = { ...none, ofRequesting: true };
    const offering = { ...none, ofOffering: true };
    expect([manager, requesting, offering, none].map((s) => mayTakeStep(S.Matched, s))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    for (const to of [S.InProgress, S.Closed]) {
      expect([manager, requesting, offering, none].map((s) => mayTakeStep(to, s))).toEqual([
        true,
        true,
        true,
        false,
      ]);
    }
    expect([manager, requesting, offering, none].map((s) => mayTakeStep(S.Withdrawn, s))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(mayTakeStep(S.Open, { manages: true, ofRequesting: true, ofOffering: true })).toBe(false);
  });
});
