import { cycleProblem } from './cycle';

describe('action-plan cycle', () => {
  it.each(['2023-2027', '2011-2013', '2093-2099', '2020-2026', '2024-2025'])('accepts %s', (value) => {
    expect(cycleProblem(value)).toBeNull();
  });

  it.each([
    ['2027-2023', /end after/],
    ['2023-2023', /end after/],
    ['2020-2027', /at most 6/],
    ['2010-2012', /between/],
    ['2098-2100', /between/],
    ['23-27', /four-digit/],
    ['2023–2027', /four-digit/],
    ['2023-2027 ', /four-digit/],
    ['２０２３-2027', /four-digit/],
    ['', /four-digit/],
  ])('refuses %s', (value, message) => {
    expect(cycleProblem(value)).toMatch(message);
  });

  it('refuses what is not a string', () => {
    expect(cycleProblem(2023)).toMatch(/string/);
    expect(cycleProblem(null)).toMatch(/string/);
  });
});
