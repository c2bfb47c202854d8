import { previewOf } from './preview';

export default previewOf('adminNotice', 'fr');
