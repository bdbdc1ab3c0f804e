import { AssistanceRequest } from './assistance-request.entity';
import { AssistanceRequestStep } from './assistance-request-step.entity';
import { Commitment } from './commitment.entity';
import { CommitmentProgressNote } from './commitment-progress-note.entity';

export const COOPERATION_ENTITIES = [
  Commitment,
  CommitmentProgressNote,
  AssistanceRequest,
  AssistanceRequestStep,
];
