/**
 * Upload middleware: request handlers that store the files of a multipart request as soon as
 * they run — on disk, in memory or through a storage engine (multer-s3 into a bucket) — before
 * the route's own handler. Run before the authentication middleware of a route, they store what
 * anyone sends.
 */

/** An upload middleware factory: the module, and the methods of what it returns that store files. */
export interface UploadMiddleware {
  module: string;
  /** Methods of the instance the factory returns whose middleware stores the request's files. */
  storingMethods: ReadonlySet<string>;
}

/**
 * multer: `multer({ storage })` returns an instance whose `single(field)`, `array(field)`,
 * `fields([...])` and `any()` middleware store the uploaded files with its storage engine;
 * `none()` accepts text fields only (https://github.com/expressjs/multer#usage).
 */
export const UPLOAD_MIDDLEWARE: readonly UploadMiddleware[] = [
  { module: 'multer', storingMethods: new Set(['single', 'array', 'fields', 'any']) },
];

/**
 * Storage engines of upload middleware: where they put each uploaded file, by option.
 * - multer: `multer({ dest })`, or `multer({ storage: multer.diskStorage({ destination }) })`
 *   whose `destination` is a folder or a function answering `cb(null, folder)`
 *   (https://github.com/expressjs/multer#diskstorage);
 * - multer-s3: `multerS3({ s3, bucket, acl, serverSideEncryption, sseKmsKeyId })`
 *   (https://github.com/anacronw/multer-s3#setting-acl, #using-server-side-encryption);
 * - formidable: `formidable({ uploadDir })`, `new formidable.IncomingForm({ uploadDir })`
 *   (https://github.com/node-formidable/formidable#options).
 * Busboy hands each file as a stream to the handler, whose own write is a file write.
 */
export interface UploadStorageEngine {
  module: string;
  /** Calls that create the engine: a function of the module, or the module called whole (`''`). */
  factories: ReadonlySet<string>;
  kind: 'disk' | 'bucket';
  /** Options naming the folder files land in (a value, or a function calling back with it). */
  folderOptions: readonly string[];
  /** Option holding a canned ACL, for buckets. */
  aclOption?: string;
  /** Options that ask the bucket to encrypt what it stores. */
  encryptionOptions?: readonly string[];
}

export const UPLOAD_STORAGE_ENGINES: readonly UploadStorageEngine[] = [
  {
    module: 'multer',
    factories: new Set(['', 'default', 'diskStorage']),
    kind: 'disk',
    folderOptions: ['dest', 'destination'],
  },
  {
    module: 'multer-s3',
    factories: new Set(['', 'default']),
    kind: 'bucket',
    folderOptions: [],
    aclOption: 'acl',
    encryptionOptions: ['serverSideEncryption', 'sseKmsKeyId'],
  },
  {
    module: 'formidable',
    factories: new Set(['', 'default', 'formidable', 'IncomingForm', 'Formidable']),
    kind: 'disk',
    folderOptions: ['uploadDir'],
  },
];

/** Canned ACLs that let anyone read an object (S3 `public-read`, `public-read-write`). */
export const PUBLIC_OBJECT_ACLS: ReadonlySet<string> = new Set([
  'public-read',
  'public-read-write',
]);
