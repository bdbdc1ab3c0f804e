import { Document } from './document.entity';
import { DocumentVersion } from './document-version.entity';

export const DOCUMENT_ENTITIES = [Document, DocumentVersion];
