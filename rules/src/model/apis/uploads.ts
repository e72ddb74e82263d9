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
