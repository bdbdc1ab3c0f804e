import { AssistanceStatus } from './cooperation.enums';

/**
 * The steps of an assistance request (docs/cooperation.md): `open → matched → in_progress → closed`, and
 * `withdrawn` from any status that has not ended. `closed` and `withdrawn` are final.
 */
export const ASSISTANCE_TRANSITIONS: Readonly<Record<AssistanceStatus, readonly AssistanceStatus[]>> = {
  [AssistanceStatus.Open]: [AssistanceStatus.Matched, AssistanceStatus.Withdrawn],
  [AssistanceStatus.Matched]: [AssistanceStatus.InProgress, AssistanceStatus.Withdrawn],
  [AssistanceStatus.InProgress]: [AssistanceStatus.Closed, AssistanceStatus.Withdrawn],
  [AssistanceStatus.Closed]: [],
  [AssistanceStatus.Withdrawn]: [],
};

export const canStep = (from: AssistanceStatus, to: AssistanceStatus): boolean =>
  ASSISTANCE_TRANSITIONS[from].includes(to);

/** A request that has ended: it takes no more steps and sets `closedAt`. */
export const isFinal = (status: AssistanceStatus): boolean => ASSISTANCE_TRANSITIONS[status].length === 0;

/** Who may take a step into `to` (docs/cooperation.md, "Who takes each step"). */
export type StepActor = 'managers' | 'requesting_or_offering' | 'requesting';

export const STEP_ACTORS: Readonly<Record<AssistanceStatus, readonly StepActor[]>> = {
  [AssistanceStatus.Open]: [],
  [AssistanceStatus.Matched]: ['managers'],
  [AssistanceStatus.InProgress]: ['managers', 'requesting_or_offering'],
  [AssistanceStatus.Closed]: ['managers', 'requesting_or_offering'],
  [AssistanceStatus.Withdrawn]: ['managers', 'requesting'],
};

/** The caller's standing towards one request, as the service computed it. */
export interface StepStanding {
  manages: boolean;
  ofRequesting: boolean;
  ofOffering: boolean;
}

export function mayTakeStep(to: AssistanceStatus, standing: StepStanding): boolean {
  return STEP_ACTORS[to].some((actor) => {
    switch (actor) {
      case 'managers':
        return standing.manages;
      case 'requesting':
        return standing.ofRequesting;
      case 'requesting_or_offering':
        return standing.ofRequesting || standing.ofOffering;
    }
  });
}
