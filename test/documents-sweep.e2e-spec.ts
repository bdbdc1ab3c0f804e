import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sweepDocumentBlobs } from '../src/documents/documents-sweep';
import { DocumentVersion } from '../src/documents/entities/document-version.entity';
import { newBlobKey } from '../src/storage/blob-storage';
import { createDocument, documentsConfig, storageOf } from './factories/documents';
import { useGroupCast } from './factories/groups';

const HOUR = 3_600_000;

describe('Documents: storage sweep', () => {
  const { t, cast } = useGroupCast(documentsConfig());

  const age = (key: string, hours: number) => {
    const when = new Date(Date.now() - hours * HOUR);
    return utimes(join(t.config.dataDir, 'blobs', ...key.split('/')), when, when);
  };

  it('removes old blobs no version points to, keeps young orphans and every referenced blob', async () => {
    const storage = storageOf(t);
    const doc = await createDocument(t, cast.member, cast.group.slug);
    const version = await t.em().findOneOrFail(DocumentVersion, { document: doc.id, number: 1 });
    const oldOrphan = newBlobKey('documents');
    const youngOrphan = newBlobKey('documents');
    const elsewhere = newBlobKey('uploads');
    for (const key of [oldOrphan, youngOrphan, elsewhere])
      await storage.put(key, Readable.from([Buffer.from('x')]));
    await age(oldOrphan, 30);
    await age(elsewhere, 30);
    await age(version.storageKey, 30);

    const result = await sweepDocumentBlobs(t.em(), storage, 24);
    expect(result).toMatchObject({ removed: 1, referenced: 1, young: 1 });
    expect(await storage.stat(oldOrphan)).toBeNull();
    expect(await storage.stat(youngOrphan)).not.toBeNull();
    expect(await storage.stat(version.storageKey)).not.toBeNull();
    expect(await storage.stat(elsewhere)).not.toBeNull(); // outside documents/: not this sweep's
    await t.http.get(`/documents/${doc.id}/content`).expect(200);
  });
});
