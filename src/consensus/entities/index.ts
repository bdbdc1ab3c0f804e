import { PriorityAreaPosition } from './priority-area-position.entity';
import { PriorityArea } from './priority-area.entity';

export const CONSENSUS_ENTITIES = [PriorityArea, PriorityAreaPosition];
