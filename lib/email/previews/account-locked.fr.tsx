import { previewOf } from './preview';

export default previewOf('accountLocked', 'fr');
