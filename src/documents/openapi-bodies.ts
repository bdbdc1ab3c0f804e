import type { ApiBodyOptions } from '@nestjs/swagger';
import { DocumentKind, DocumentVisibility } from './documents.enums';

/** The multipart bodies, typed for the OpenAPI document (Nest cannot derive them: the route reads the stream). */
const binaryFile = {
  type: 'string',
  format: 'binary',
  description: 'the bytes; must be the last part',
} as const;

export const createDocumentBody: ApiBodyOptions = {
  description:
    'multipart/form-data: the fields, then the `file` part (last); or application/json with `uploadId` instead of a file',
  schema: {
    type: 'object',
    required: ['title', 'kind', 'visibility'],
    properties: {
      title: { type: 'string', maxLength: 200 },
      description: { type: 'string', maxLength: 20000 },
      kind: { type: 'string', enum: Object.values(DocumentKind) },
      visibility: { type: 'string', enum: Object.values(DocumentVisibility) },
      tags: { type: 'array', items: { type: 'string', maxLength: 50 }, maxItems: 20 },
      meetingId: { type: 'string', format: 'uuid' },
      uploadId: { type: 'string', description: 'a finished tus upload, instead of `file`' },
      file: binaryFile,
    },
  },
};

export const createVersionBody: ApiBodyOptions = {
  description:
    'multipart/form-data: `note`, then the `file` part (last); or application/json `{ uploadId, note? }`',
  schema: {
    type: 'object',
    properties: {
      note: { type: 'string', maxLength: 2000, description: 'what changed' },
      uploadId: { type: 'string', description: 'a finished tus upload, instead of `file`' },
      file: binaryFile,
    },
  },
};
