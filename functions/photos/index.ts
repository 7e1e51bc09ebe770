/** Lambda entry point of the photo job: S3 ObjectCreated events under `uploads/`. */
import type { S3Event } from 'aws-lambda';
import { lazyHandler } from '../lib/bootstrap';
import { database } from '../lib/db/client';
import { photoStorage } from '../lib/photos/storage';
import { createPhotoProcessor } from './handler';

export const handler = lazyHandler<S3Event, void>(() =>
  createPhotoProcessor({ db: database(), storage: photoStorage() }),
);

/** The re-encoding alone, so that the deployed bundle's native part can be checked on its own. */
export { encodePhoto } from './encode';
