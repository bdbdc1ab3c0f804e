/** The problem codes the open-data context raises, with their HTTP status (see common/errors/error-codes.ts). */
import '../common/errors/error-codes';
import { DomainError } from '../common/errors/domain-error';
import { OpenDataEntity } from './open-data.enums';

declare module '../common/errors/error-codes' {
  interface ErrorCodeMap {
    'open_data.entity_required': 422;
  }
}

/** CSV is one file per kind of data, so it needs to know which. */
export const entityRequired = (): DomainError =>
  new DomainError(422, 'Unprocessable Content', 'CSV is one file per kind of data: name it with `entity`.', {
    code: 'open_data.entity_required',
    params: { entities: Object.values(OpenDataEntity) },
    errors: [
      { path: 'entity', message: `entity must be one of ${Object.values(OpenDataEntity).join(', ')}` },
    ],
  });
