/** What can be done with a dwelling's photos, by name — the use cases the API's routes reach. */
import { deletePhoto, listPhotos, requestPhotoUpload } from './service';

export const Photos = {
  requestUpload: requestPhotoUpload,
  list: listPhotos,
  remove: deletePhoto,
} as const;
