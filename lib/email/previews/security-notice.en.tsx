import { previewOf } from './preview';

export default previewOf('securityNotice', 'en');
