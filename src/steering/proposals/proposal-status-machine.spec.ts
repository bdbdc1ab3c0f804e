import {
  allowedDecisions,
  isAllowedProposalTransition,
  isFinalProposalStatus,
  isRevisable,
  statusAfterDecision,
} from './proposal-status-machine';
import { ProposalDecision, ProposalStatus } from './proposals.enums';

describe('proposal status machine', () => {
  const S = ProposalStatus;

  it.each([
    [S.Submitted, S.Approved],
    [S.Submitted, S.Rejected],
    [S.Submitted, S.ChangesRequested],
    [S.ChangesRequested, S.Submitted],
    [S.ChangesRequested, S.Rejected],
  ])('allows %s → %s', (from, to) => expect(isAllowedProposalTransition(from, to)).toBe(true));

  it.each([
    [S.Submitted, S.Submitted],
    [S.ChangesRequested, S.Approved],
    [S.ChangesRequested, S.ChangesRequested],
    [S.Approved, S.Rejected],
    [S.Approved, S.Submitted],
    [S.Rejected, S.Approved],
    [S.Rejected, S.Submitted],
  ])('refuses %s → %s', (from, to) => expect(isAllowedProposalTransition(from, to)).toBe(false));

  it('approved and rejected are final, the others are not', () => {
    expect(isFinalProposalStatus(S.Approved)).toBe(true);
    expect(isFinalProposalStatus(S.Rejected)).toBe(true);
    expect(isFinalProposalStatus(S.Submitted)).toBe(false);
    expect(isFinalProposalStatus(S.ChangesRequested)).toBe(false);
  });

  it('maps each decision to its status', () => {
    expect(statusAfterDecision(ProposalDecision.Approved)).toBe(S.Approved);
    expect(statusAfterDecision(ProposalDecision.Rejected)).toBe(S.Rejected);
    expect(statusAfterDecision(ProposalDecision.ChangesRequested)).toBe(S.ChangesRequested);
  });

  it('lists the decisions open in each status', () => {
    expect(allowedDecisions(S.Submitted)).toEqual([
      ProposalDecision.Approved,
      ProposalDecision.Rejected,
      ProposalDecision.ChangesRequested,
    ]);
    expect(allowedDecisions(S.ChangesRequested)).toEqual([ProposalDecision.Rejected]);
    expect(allowedDecisions(S.Approved)).toEqual([]);
  });

  it('only a proposal waiting for changes is revisable', () => {
    expect(Object.values(S).filter(isRevisable)).toEqual([S.ChangesRequested]);
  });
});
