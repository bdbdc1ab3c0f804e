/**
 * The constituency tally of a priority area, as one pure function (no database, no framework): the API, the
 * review metrics and the open-data export compute it the same way (docs/consensus.md, "Tally").
 */
import { OrganizationKind } from '../organizations/organizations.enums';
import { Constituency, CONSTITUENCIES, PositionValue } from './consensus.enums';

/** government → government, civil_society → civil_society; multilateral, other and no organisation → other. */
export function constituencyOf(kind: OrganizationKind | null | undefined): Constituency {
  if (kind === OrganizationKind.Government) return Constituency.Government;
  if (kind === OrganizationKind.CivilSociety) return Constituency.CivilSociety;
  return Constituency.Other;
}

/** A recorded position, with the snapshots taken when it was recorded. */
export interface TallyPosition {
  userId: string;
  position: PositionValue;
  constituency: Constituency;
  affiliationVerified: boolean;
}

/** An active member who may take a position (role member or anchor), as they stand now. */
export interface TallyMember {
  userId: string;
  displayName: string;
  /** From their current organisation's kind. */
  constituency: Constituency;
  /** Whether their current affiliation is verified. */
  affiliationVerified: boolean;
}

export interface ConstituencyTally {
  agree: number;
  abstain: number;
  object: number;
  /** Active members of this constituency now, with a verified affiliation. */
  members: number;
  /** Of those members, how many have a position. */
  responded: number;
  /** responded / members, or null when the constituency has no members. */
  responseRate: number | null;
}

export interface UnverifiedTally {
  agree: number;
  abstain: number;
  object: number;
  /** Positions recorded while their author's affiliation was not verified. */
  responded: number;
}

export interface NotResponded {
  userId: string;
  displayName: string;
  constituency: Constituency;
  affiliationVerified: boolean;
}

export interface TallyResult {
  tally: Record<Constituency, ConstituencyTally>;
  unverified: UnverifiedTally;
  notResponded: NotResponded[];
  /** Constituencies among government and civil society without a verified `agree` (adoption needs both). */
  missingAgreement: Constituency[];
  /** Current `object` positions (verified or not: an objection is open whoever raised it). */
  openObjections: number;
}

/** The sides whose `agree` adoption needs (the co-creation rule). */
export const AGREEMENT_REQUIRED: Constituency[] = [Constituency.Government, Constituency.CivilSociety];

/**
 * Counts the positions of current active members: a verified position counts for the constituency snapshotted
 * with it; an unverified one goes to `unverified` and counts for no side. Positions of people who are no longer
 * active members (left, removed, observers now) count nowhere. `members` and `responded` describe the verified
 * members as they stand now; `notResponded` lists every active member without a position, in the given order.
 */
export function computeTally(positions: TallyPosition[], members: TallyMember[]): TallyResult {
  const current = new Set(members.map((m) => m.userId));
  const counted = positions.filter((p) => current.has(p.userId));
  const responded = new Set(counted.map((p) => p.userId));
  const tally = Object.fromEntries(
    CONSTITUENCIES.map((c) => [
      c,
      { agree: 0, abstain: 0, object: 0, members: 0, responded: 0, responseRate: null },
    ]),
  ) as Record<Constituency, ConstituencyTally>;
  const unverified: UnverifiedTally = { agree: 0, abstain: 0, object: 0, responded: 0 };
  for (const p of counted) {
    if (p.affiliationVerified) {
      tally[p.constituency][p.position] += 1;
    } else {
      unverified[p.position] += 1;
      unverified.responded += 1;
    }
  }
  for (const m of members) {
    if (!m.affiliationVerified) continue;
    tally[m.constituency].members += 1;
    if (responded.has(m.userId)) tally[m.constituency].responded += 1;
  }
  for (const c of CONSTITUENCIES) {
    const side = tally[c];
    side.responseRate = side.members === 0 ? null : side.responded / side.members;
  }
  return {
    tally,
    unverified,
    notResponded: members
      .filter((m) => !responded.has(m.userId))
      .map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        constituency: m.constituency,
        affiliationVerified: m.affiliationVerified,
      })),
    missingAgreement: AGREEMENT_REQUIRED.filter((c) => tally[c].agree === 0),
    openObjections: counted.filter((p) => p.position === PositionValue.Object).length,
  };
}
