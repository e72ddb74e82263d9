import assert from 'node:assert/strict';
import {
  CLOUD_ENCRYPTION_KEYS,
  MINIO_ENCRYPTION_KEYS,
  objectUpload,
  OBJECT_DELETERS,
  S3_ENCRYPTION_KEYS,
  UPLOAD_NAMES,
} from '../../../src/model/apis';
import { CALL } from '../../../src/model/imports';

/** The object-storage family: which imported call or `new` uploads an object, and how. */
describe('catalogue: object storage', () => {
  const s3 = (construct: boolean, under?: string) => ({
    kind: 's3',
    upload: under ? { construct, params: 0, under } : { construct, params: 0 },
    encryption: S3_ENCRYPTION_KEYS,
    wrappable: true,
  });
  const cases: [string, string[], boolean, unknown][] = [
    // S3 v3 commands and lib-storage Upload are constructed; their parameters hold Body.
    ['@aws-sdk/client-s3', ['PutObjectCommand'], true, s3(true)],
    ['@aws-sdk/lib-storage', ['Upload'], true, s3(true, 'params')],
    ['@aws-sdk/client-s3', ['Upload'], true, undefined],
    ['@aws-sdk/client-s3', ['PutObjectCommand'], false, undefined],
    // S3 v2 and the v3 aggregated client: methods of a client instance.
    ['aws-sdk', ['S3', CALL, 'putObject'], false, s3(false)],
    ['aws-sdk/clients/s3', [CALL, 'upload'], false, s3(false)],
    ['aws-sdk', ['putObject'], false, undefined],
    [
      '@google-cloud/storage',
      ['Storage', CALL, 'bucket', CALL, 'file', CALL, 'save'],
      false,
      {
        kind: 'content',
        encryption: CLOUD_ENCRYPTION_KEYS,
        data: 0,
        options: [1],
        wrappable: true,
      },
    ],
    [
      '@google-cloud/storage',
      ['Storage', CALL, 'bucket', CALL, 'upload'],
      false,
      {
        kind: 'content',
        encryption: CLOUD_ENCRYPTION_KEYS,
        data: 0,
        options: [1],
        wrappable: false,
      },
    ],
    [
      '@azure/storage-blob',
      [
        'BlobServiceClient',
        'fromConnectionString',
        CALL,
        'getContainerClient',
        CALL,
        'uploadBlockBlob',
      ],
      false,
      {
        kind: 'content',
        encryption: CLOUD_ENCRYPTION_KEYS,
        data: 1,
        options: [3],
        wrappable: true,
      },
    ],
    [
      '@azure/storage-blob',
      ['BlockBlobClient', CALL, 'uploadStream'],
      false,
      {
        kind: 'content',
        encryption: CLOUD_ENCRYPTION_KEYS,
        data: 0,
        options: [3],
        wrappable: false,
      },
    ],
    // uploadFile takes a local path: the data is not in the call.
    ['@azure/storage-blob', ['BlockBlobClient', CALL, 'uploadFile'], false, undefined],
    [
      'minio',
      ['Client', CALL, 'putObject'],
      false,
      {
        kind: 'content',
        encryption: MINIO_ENCRYPTION_KEYS,
        data: 2,
        options: [3, 4],
        wrappable: true,
      },
    ],
    ['minio', ['Client', CALL, 'getObject'], false, undefined],
  ];
  for (const [module, path, construct, expected] of cases) {
    it(`${construct ? 'new ' : ''}${module} ${path.join('.')} → ${expected ? 'upload' : 'no upload'}`, () => {
      assert.deepEqual(objectUpload(module, path, construct), expected);
    });
  }

  it('names every upload that rules follow rows to by name, but not GCS save (an ORM name)', () => {
    for (const name of ['PutObjectCommand', 'Upload', 'putObject', 'upload', 'uploadData'])
      assert.ok(UPLOAD_NAMES.has(name), name);
    assert.ok(!UPLOAD_NAMES.has('save'));
  });

  it('knows where each deletion names its key', () => {
    assert.deepEqual(OBJECT_DELETERS.get('DeleteObjectCommand'), {
      construct: true,
      key: { params: 0, property: 'Key' },
      many: false,
    });
    assert.deepEqual(OBJECT_DELETERS.get('removeObject')?.key, { argument: 1 });
    assert.equal(OBJECT_DELETERS.get('deleteFiles')?.many, true);
  });
});
