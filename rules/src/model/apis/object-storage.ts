/**
 * Object storage: the SDKs that put an object in a bucket or a container (AWS S3 v2 and v3, Google
 * Cloud Storage, Azure Blob Storage, MinIO), where each upload takes the object's content and the
 * options that make the service encrypt it, and the calls that delete objects. Read by every rule
 * that sees data uploaded to a bucket.
 */
import { CALL } from '../imports';

/**
 * S3 parameters that make the service encrypt the object with a managed or customer key
 * (PutObject request: `ServerSideEncryption`, `SSEKMSKeyId`, `SSECustomerKey`).
 */
export const S3_ENCRYPTION_KEYS: readonly string[] = [
  'ServerSideEncryption',
  'SSEKMSKeyId',
  'SSECustomerKey',
];

/**
 * GCS and Azure options that encrypt with a key the project controls: GCS `kmsKeyName` and
 * `encryptionKey` (customer-managed and customer-supplied keys), Azure `customerProvidedKey` and
 * `encryptionScope` (BlockBlobUploadOptions).
 */
export const CLOUD_ENCRYPTION_KEYS: readonly string[] = [
  'kmsKeyName',
  'encryptionKey',
  'customerProvidedKey',
  'encryptionScope',
];

/**
 * MinIO metadata headers that ask for server-side encryption (MinIO JavaScript client,
 * `putObject(…, metaData)`: the S3 `X-Amz-Server-Side-Encryption*` headers).
 */
export const MINIO_ENCRYPTION_KEYS: readonly string[] = [
  'X-Amz-Server-Side-Encryption',
  'x-amz-server-side-encryption',
  'X-Amz-Server-Side-Encryption-Customer-Algorithm',
  'x-amz-server-side-encryption-customer-algorithm',
];

/** An upload whose object is described by an S3 parameters object (`Bucket`, `Key`, `Body`). */
export interface S3Upload {
  /** Made with `new` (a v3 command, lib-storage `Upload`) rather than called on a client. */
  construct: boolean;
  /** The argument holding the parameters, and the key it sits under when nested. */
  params: number;
  under?: string;
}

/**
 * S3 uploads by name. v3: `new PutObjectCommand({ Bucket, Key, Body, … })` sent by a client;
 * `new Upload({ client, params: { Bucket, Key, Body } })` from @aws-sdk/lib-storage. v2 (and the v3
 * aggregated `S3` client): `s3.putObject(params)`, `s3.upload(params)`.
 */
export const S3_UPLOADS: ReadonlyMap<string, S3Upload> = new Map([
  ['PutObjectCommand', { construct: true, params: 0 }],
  ['Upload', { construct: true, params: 0, under: 'params' }],
  ['putObject', { construct: false, params: 0 }],
  ['upload', { construct: false, params: 0 }],
]);

/** Where the S3 constructors above are exported. */
const S3_CONSTRUCTORS: ReadonlyMap<string, string> = new Map([
  ['PutObjectCommand', '@aws-sdk/client-s3'],
  ['Upload', '@aws-sdk/lib-storage'],
]);

/**
 * S3 clients whose `putObject`/`upload` methods take the parameters: v2 `new AWS.S3()` (aws-sdk),
 * v2 `new S3()` (aws-sdk/clients/s3, its default export), v3 aggregated `new S3()`
 * (@aws-sdk/client-s3). The value is the first segment of the method's export path.
 */
const S3_CLIENTS: ReadonlyMap<string, string> = new Map([
  ['aws-sdk', 'S3'],
  ['@aws-sdk/client-s3', 'S3'],
  ['aws-sdk/clients/s3', CALL],
]);

/** An upload whose content is an argument, with options that may ask for encryption. */
export interface ContentUpload {
  /** The argument holding the content. */
  data: number;
  /** The arguments that may hold the options. */
  options: readonly number[];
  /** The content is the bytes (not a path or a stream): encrypting it first keeps the call meaningful. */
  wrappable: boolean;
}

/**
 * Google Cloud Storage (@google-cloud/storage): `bucket.file(name).save(data, options)` and
 * `bucket.upload(localPath, options)` (which takes a path, so its value cannot be wrapped).
 */
export const GCS_UPLOADS: ReadonlyMap<string, ContentUpload> = new Map([
  ['save', { data: 0, options: [1], wrappable: true }],
  ['upload', { data: 0, options: [1], wrappable: false }],
]);

/**
 * How a GCS object is reached and removed: `storage.bucket(name).file(key)` names it,
 * `file.save(data)` writes it, `file.delete()` removes it, `bucket.deleteFiles({ prefix })` removes
 * many.
 */
export const GCS_OBJECT = {
  bucket: 'bucket',
  file: 'file',
  save: 'save',
  delete: 'delete',
} as const;

/**
 * Azure Blob Storage (@azure/storage-blob) uploads of content: BlockBlobClient
 * `upload(body, contentLength, options)`, `uploadData(data, options)`,
 * `uploadBrowserData(data, options)`, `uploadStream(stream, bufferSize, maxConcurrency, options)`;
 * ContainerClient `uploadBlockBlob(blobName, body, contentLength, options)`. (`uploadFile(path)`
 * and PageBlobClient `uploadPages` take a path or pages, not the data.)
 */
export const AZURE_UPLOADS: ReadonlyMap<string, ContentUpload> = new Map([
  ['upload', { data: 0, options: [2], wrappable: true }],
  ['uploadData', { data: 0, options: [1], wrappable: true }],
  ['uploadBrowserData', { data: 0, options: [1], wrappable: true }],
  ['uploadStream', { data: 0, options: [3], wrappable: false }],
  ['uploadBlockBlob', { data: 1, options: [3], wrappable: true }],
]);

/**
 * MinIO (minio): `new Client(…).putObject(bucketName, objectName, data, size?, metaData?)`, where
 * the metadata may come in place of the size.
 */
export const MINIO_UPLOADS: ReadonlyMap<string, ContentUpload> = new Map([
  ['putObject', { data: 2, options: [3, 4], wrappable: true }],
]);

/**
 * Uploads of a local file by its path: Azure `uploadFile(filePath)`, MinIO
 * `fPutObject(bucket, name, filePath)`, and other SDKs' `uploadBuffer`.
 */
export const FILE_UPLOADS: ReadonlySet<string> = new Set([
  'uploadFile',
  'fPutObject',
  'uploadBuffer',
]);

/** What an upload call does with its arguments, as the matcher below finds it. */
export type ObjectUpload =
  | { kind: 's3'; upload: S3Upload; encryption: readonly string[]; wrappable: true }
  | ({ kind: 'content'; encryption: readonly string[] } & ContentUpload);

/**
 * The upload a call (or `new`) of an imported value makes, if any. `path` is the export path from
 * the module to the called value, a leading `default` dropped.
 */
export function objectUpload(
  module: string,
  path: readonly string[],
  construct: boolean,
): ObjectUpload | undefined {
  const last = path[path.length - 1] ?? '';
  if (construct) {
    const s3 = S3_UPLOADS.get(last);
    return s3?.construct && path.length === 1 && S3_CONSTRUCTORS.get(last) === module
      ? { kind: 's3', upload: s3, encryption: S3_ENCRYPTION_KEYS, wrappable: true }
      : undefined;
  }
  if (!path.includes(CALL)) return undefined;
  const s3 = S3_UPLOADS.get(last);
  if (s3 && !s3.construct && S3_CLIENTS.get(module) === path[0])
    return { kind: 's3', upload: s3, encryption: S3_ENCRYPTION_KEYS, wrappable: true };
  const content =
    module === '@google-cloud/storage'
      ? GCS_UPLOADS.get(last)
      : module === '@azure/storage-blob'
        ? AZURE_UPLOADS.get(last)
        : module === 'minio'
          ? MINIO_UPLOADS.get(last)
          : undefined;
  if (!content) return undefined;
  const encryption = module === 'minio' ? MINIO_ENCRYPTION_KEYS : CLOUD_ENCRYPTION_KEYS;
  return { kind: 'content', encryption, ...content };
}

/**
 * Names of uploads distinctive enough to be recognised without their import (by rules that follow
 * rows to wherever they leave): every S3, Azure and MinIO upload above and the file uploads. GCS
 * `save` is left out: by name alone it is an ORM's.
 */
export const UPLOAD_NAMES: ReadonlySet<string> = new Set([
  ...S3_UPLOADS.keys(),
  ...AZURE_UPLOADS.keys(),
  ...MINIO_UPLOADS.keys(),
  ...FILE_UPLOADS,
]);

/** A call that deletes objects, by name: where the deleted key is, if it names one. */
export interface ObjectDeleter {
  construct: boolean;
  /** The key: a property of the parameters in argument `params`, or the argument `argument`. */
  key?: { params: number; property: string } | { argument: number };
  /** Removes many objects at once (a list, a prefix). */
  many: boolean;
}

/**
 * Deletions of objects. S3 v3 `new DeleteObjectCommand({ Bucket, Key })` and
 * `DeleteObjectsCommand`; S3 v2 `deleteObject({ Bucket, Key })` and `deleteObjects`; MinIO
 * `removeObject(bucketName, objectName)` and `removeObjects`; GCS `bucket.deleteFiles()` (and
 * `file.delete()`, through GCS_OBJECT).
 */
export const OBJECT_DELETERS: ReadonlyMap<string, ObjectDeleter> = new Map<string, ObjectDeleter>([
  ['DeleteObjectCommand', { construct: true, key: { params: 0, property: 'Key' }, many: false }],
  ['DeleteObjectsCommand', { construct: true, many: true }],
  ['deleteObject', { construct: false, key: { params: 0, property: 'Key' }, many: false }],
  ['removeObject', { construct: false, key: { argument: 1 }, many: false }],
  ['deleteObjects', { construct: false, many: true }],
  ['removeObjects', { construct: false, many: true }],
  ['deleteFiles', { construct: false, many: true }],
]);
