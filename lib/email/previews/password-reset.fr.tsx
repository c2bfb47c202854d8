import { previewOf } from './preview';

export default previewOf('passwordReset', 'fr');
