import { previewOf } from './preview';

export default previewOf('passwordChanged', 'fr');
