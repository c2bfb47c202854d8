import { previewOf } from './preview';

export default previewOf('sensitiveTextPublished', 'en');
