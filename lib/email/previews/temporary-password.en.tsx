import { previewOf } from './preview';

export default previewOf('temporaryPassword', 'en');
