import { OrganizationKind } from '../organizations/organizations.enums';
import { Constituency, PositionValue } from './consensus.enums';
import { computeTally, constituencyOf, TallyMember, TallyPosition } from './tally';

const member = (userId: string, constituency: Constituency, affiliationVerified = true): TallyMember => ({
  userId,
  displayName: `Name ${userId}`,
  constituency,
  affiliationVerified,
});
const position = (
  userId: string,
  value: PositionValue,
  constituency: Constituency,
  affiliationVerified = true,
): TallyPosition => ({ userId, position: value, constituency, affiliationVerified });

describe('constituencyOf', () => {
  it('maps organisation kinds to the three constituencies', () => {
    expect(constituencyOf(OrganizationKind.Government)).toBe(Constituency.Government);
    expect(constituencyOf(OrganizationKind.CivilSociety)).toBe(Constituency.CivilSociety);
    expect(constituencyOf(OrganizationKind.Multilateral)).toBe(Constituency.Other);
    expect(constituencyOf(OrganizationKind.Other)).toBe(Constituency.Other);
    expect(constituencyOf(null)).toBe(Constituency.Other);
    expect(constituencyOf(undefined)).toBe(Constituency.Other);
  });
});

describe('computeTally', () => {
  const gov1 = member('g1', Constituency.Government);
  const gov2 = member('g2', Constituency.Government);
  const cso1 = member('c1', Constituency.CivilSociety);
  const other1 = member('o1', Constituency.Other);
  const unverified1 = member('u1', Constituency.CivilSociety, false);

  it('counts verified positions per snapshotted constituency, members and responses per side', () => {
    const result = computeTally(
      [
        position('g1', PositionValue.Agree, Constituency.Government),
        position('c1', PositionValue.Object, Constituency.CivilSociety),
        position('o1', PositionValue.Abstain, Constituency.Other),
      ],
      [gov1, gov2, cso1, other1],
    );
    expect(result.tally.government).toEqual({
      agree: 1,
      abstain: 0,
      object: 0,
      members: 2,
      responded: 1,
      responseRate: 0.5,
    });
    expect(result.tally.civil_society).toEqual({
      agree: 0,
      abstain: 0,
      object: 1,
      members: 1,
      responded: 1,
      responseRate: 1,
    });
    expect(result.tally.other).toMatchObject({ abstain: 1, members: 1, responded: 1 });
    expect(result.notResponded).toEqual([
      {
        userId: 'g2',
        displayName: 'Name g2',
        constituency: Constituency.Government,
        affiliationVerified: true,
      },
    ]);
    expect(result.missingAgreement).toEqual([Constituency.CivilSociety]);
    expect(result.openObjections).toBe(1);
  });

  it('keeps unverified positions apart: they count for no side and not as agreement', () => {
    const result = computeTally(
      [position('u1', PositionValue.Agree, Constituency.CivilSociety, false)],
      [gov1, unverified1],
    );
    expect(result.tally.civil_society).toEqual({
      agree: 0,
      abstain: 0,
      object: 0,
      members: 0,
      responded: 0,
      responseRate: null,
    });
    expect(result.unverified).toEqual({ agree: 1, abstain: 0, object: 0, responded: 1 });
    expect(result.missingAgreement).toEqual([Constituency.Government, Constituency.CivilSociety]);
    expect(result.notResponded.map((n) => n.userId)).toEqual(['g1']);
  });

  it('an unverified objection is still open', () => {
    const result = computeTally(
      [position('u1', PositionValue.Object, Constituency.CivilSociety, false)],
      [unverified1],
    );
    expect(result.openObjections).toBe(1);
  });

  it('uses the constituency of the position, not the member’s current one', () => {
    const moved = member('g1', Constituency.CivilSociety);
    const result = computeTally([position('g1', PositionValue.Agree, Constituency.Government)], [moved]);
    expect(result.tally.government.agree).toBe(1);
    expect(result.tally.civil_society).toMatchObject({ agree: 0, members: 1, responded: 1 });
  });

  it('ignores positions of people who are no longer active members', () => {
    const result = computeTally(
      [
        position('gone', PositionValue.Agree, Constituency.Government),
        position('gone2', PositionValue.Object, Constituency.CivilSociety),
      ],
      [cso1],
    );
    expect(result.tally.government.agree).toBe(0);
    expect(result.openObjections).toBe(0);
    expect(result.notResponded.map((n) => n.userId)).toEqual(['c1']);
  });

  it('is satisfied by one verified agree on each side', () => {
    const result = computeTally(
      [
        position('g1', PositionValue.Agree, Constituency.Government),
        position('c1', PositionValue.Agree, Constituency.CivilSociety),
      ],
      [gov1, cso1],
    );
    expect(result.missingAgreement).toEqual([]);
    expect(result.openObjections).toBe(0);
    expect(result.notResponded).toEqual([]);
  });
});
