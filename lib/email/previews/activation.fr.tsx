import { previewOf } from './preview';

export default previewOf('activation', 'fr');
