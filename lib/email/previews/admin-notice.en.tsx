import { previewOf } from './preview';

export default previewOf('adminNotice', 'en');
